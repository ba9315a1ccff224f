package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.revkv.operator.Labels;
import io.revkv.operator.execute.MemberConnector;
import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.HashKvReport;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.observe.MemberAnswers;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks every member that has a Pod for its Status, then the leader (or, without one, the first that answered) for
 * MemberList and the alarms; without a quorum answering, that member's own MemberList ({@link #withoutQuorum}). Each call is bounded by the connector's timeout, so a reconcile never blocks for
 * longer than a few of them.
 */
final class MemberPoller {

    private final MemberConnector connector;

    MemberPoller(MemberConnector connector) {
        this.connector = connector;
    }

    MemberAnswers ask(KVCluster kvc, List<Pod> pods) {
        Map<String, Outcome<MemberStatusReport>> statuses = new LinkedHashMap<>();
        for (Pod pod : pods) {
            String member = pod.getMetadata().getLabels().get(Labels.MEMBER);
            if (member != null && pod.getMetadata().getDeletionTimestamp() == null) {
                try (MemberClient client = connector.connect(kvc, member)) {
                    statuses.put(member, client.status());
                }
            }
        }
        return statuses.entrySet().stream().filter(e -> e.getValue().ok())
                .sorted((a, b) -> Boolean.compare(isLeader(b.getValue().value()), isLeader(a.getValue().value())))
                .findFirst().map(e -> group(kvc, e.getKey(), statuses))
                .orElseGet(() -> new MemberAnswers(new Outcome.Unreachable<>("no member answered Status"),
                        new Outcome.Unreachable<>("no member answered Status"), statuses));
    }

    private MemberAnswers group(KVCluster kvc, String member, Map<String, Outcome<MemberStatusReport>> statuses) {
        try (MemberClient client = connector.connect(kvc, member)) {
            Outcome<List<GroupMember>> membership = client.memberList();
            if (!membership.ok()) {
                membership = withoutQuorum(client.localMemberList(), statuses).orElse(membership);
            }
            Outcome<List<Alarm>> alarms = client.alarms();
            boolean noSpace = alarms.ok() && alarms.value().stream().anyMatch(a -> "NOSPACE".equals(a.type()));
            OptionalLong compacted = OptionalLong.empty();
            if (noSpace) {
                Outcome<HashKvReport> hash = client.hashKv(0);
                // -1 before the first compaction: nothing compacted, 0
                compacted = hash.ok() ? OptionalLong.of(Math.max(0, hash.value().compactRevision())) : compacted;
            }
            return new MemberAnswers(membership, alarms, statuses, compacted);
        }
    }

    /**
     * The linearizable MemberList failed. When fewer voters answer Status than a quorum of the member's own list,
     * that list is the membership: no change can have committed since, and it names the voters that are missing,
     * for the status (QuorumLost) and the planner (which then only waits). With a quorum answering (an election)
     * the failure stands: a stale list could show a member just added or removed wrongly.
     */
    static Optional<Outcome<List<GroupMember>>> withoutQuorum(Outcome<List<GroupMember>> local,
                                                              Map<String, Outcome<MemberStatusReport>> statuses) {
        if (!(local instanceof Outcome.Ok<List<GroupMember>> ok)) {
            return Optional.empty();
        }
        Set<Long> answering = statuses.values().stream().filter(Outcome::ok).map(o -> o.value().memberId())
                .collect(Collectors.toSet());
        List<GroupMember> voters = ok.value().stream().filter(m -> !m.learner()).toList();
        long answeringVoters = voters.stream().filter(m -> answering.contains(m.id())).count();
        return answeringVoters < voters.size() / 2 + 1 ? Optional.of(local) : Optional.empty();
    }

    private static boolean isLeader(MemberStatusReport r) {
        return r.leaderId() != 0 && r.leaderId() == r.memberId();
    }
}
