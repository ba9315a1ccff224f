package io.revkv.store.raft;

import io.revkv.proto.etcdserverpb.Member;
import io.revkv.proto.revkvpb.MemberChange;
import io.revkv.store.errors.EtcdError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * etcd's strict reconfiguration checks, made on the leader, which alone knows how its followers are doing: a change
 * that would leave the cluster without a quorum of started members is refused ("not enough started members"), and
 * so is one that would break the quorum of members the leader is in touch with ("unhealthy cluster"); a learner is
 * promoted only once it has caught up with the leader ("in sync with leader": 90 % of its log, etcd's
 * {@code readyPercent}). A started member is one that has published its name, as in etcd.
 *
 * @param members     the applied membership
 * @param active      the members the leader heard from recently (itself included)
 * @param progress    the log index each member has committed, as the leader knows it
 * @param leaderIndex the leader's committed index
 */
record ReconfigurationCheck(List<Member> members, Set<Long> active, Map<Long, Long> progress,
                            long leaderIndex) {

    static final double READY_PERCENT = 0.9;

    /** @throws io.revkv.store.errors.EtcdException with etcd's refusal */
    void check(MemberChange change) {
        switch (change.getChangeCase()) {
            case ADD -> {
                if (!change.getAdd().getIsLearner()) {
                    checkAddVoter();
                }
            }
            case REMOVE -> checkRemove(change.getRemove());
            case PROMOTE -> checkPromote(change.getPromote());
            default -> { }
        }
    }

    private void checkAddVoter() {
        List<Member> voters = voters();
        long started = voters.stream().filter(ReconfigurationCheck::isStarted).count();
        int after = voters.size() + 1;
        boolean restoringFromOne = started == 1 && after == 2;
        if (!restoringFromOne && started < quorum(after)) {
            throw EtcdError.NOT_ENOUGH_STARTED_MEMBERS.exception();
        }
        if (voters.stream().anyMatch(m -> !active.contains(m.getID()))) {
            throw EtcdError.UNHEALTHY.exception();
        }
    }

    private void checkRemove(long id) {
        if (members.stream().anyMatch(m -> m.getID() == id && m.getIsLearner())) {
            return;
        }
        List<Member> rest = voters().stream().filter(m -> m.getID() != id).toList();
        if (rest.stream().filter(ReconfigurationCheck::isStarted).count() < quorum(rest.size())) {
            throw EtcdError.NOT_ENOUGH_STARTED_MEMBERS.exception();
        }
        if (!active.contains(id)) {
            return;
        }
        List<Member> voters = voters();
        long activeVoters = voters.stream().filter(m -> active.contains(m.getID())).count();
        if (activeVoters - 1 < quorum(voters.size() - 1)) {
            throw EtcdError.UNHEALTHY.exception();
        }
    }

    private void checkPromote(long id) {
        Member learner = members.stream().filter(m -> m.getID() == id).findFirst()
                .orElseThrow(EtcdError.MEMBER_NOT_FOUND::exception);
        if (!learner.getIsLearner()) {
            throw EtcdError.MEMBER_NOT_LEARNER.exception();
        }
        if (progress.getOrDefault(id, 0L) < leaderIndex * READY_PERCENT) {
            throw EtcdError.LEARNER_NOT_READY.exception();
        }
        List<Member> voters = voters();
        long started = voters.stream().filter(ReconfigurationCheck::isStarted).count() + 1;
        if (started < quorum(voters.size() + 1)) {
            throw EtcdError.NOT_ENOUGH_STARTED_MEMBERS.exception();
        }
    }

    private List<Member> voters() {
        return members.stream().filter(m -> !m.getIsLearner()).toList();
    }

    private static boolean isStarted(Member member) {
        return !member.getName().isEmpty();
    }

    private static int quorum(int voters) {
        return voters / 2 + 1;
    }
}
