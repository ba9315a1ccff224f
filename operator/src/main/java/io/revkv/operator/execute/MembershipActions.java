package io.revkv.operator.execute;

import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.member.Refusal;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.resources.Endpoints;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * The actions that change the Raft group, through the member client. Membership changes are asked of the leader
 * when one reports itself (etcd would forward them anyway); MoveLeader only of the leader it moves from.
 */
final class MembershipActions {

    private final MemberConnector connector;

    MembershipActions(MemberConnector connector) {
        this.connector = connector;
    }

    Execution addLearner(KVCluster kvc, Observation o, String member) {
        String peerUrl = new Endpoints(kvc).peerUrl(member);
        return ask(kvc, target(o), c -> c.memberAdd(peerUrl, true),
                ok -> "learner " + member + " (" + Long.toHexString(ok.id()) + ") added at " + peerUrl,
                Refusal.PEER_URL_EXISTS, Refusal.MEMBER_ID_EXISTS);
    }

    Execution promote(KVCluster kvc, Observation o, String member, long id) {
        return ask(kvc, target(o), c -> c.memberPromote(id), ok -> "learner " + member + " promoted to voter",
                Refusal.NOT_A_LEARNER);
    }

    Execution remove(KVCluster kvc, Observation o, String member, long id) {
        return ask(kvc, target(o), c -> c.memberRemove(id), ok -> "member " + member + " ("
                + Long.toHexString(id) + ") removed from the group", Refusal.MEMBER_NOT_FOUND);
    }

    Execution moveLeader(KVCluster kvc, String from, long toId, String to) {
        return ask(kvc, Optional.of(from), c -> c.moveLeader(toId), ok -> "leadership moved from " + from + " to " + to);
    }

    private <T> Execution ask(KVCluster kvc, Optional<String> member, Function<MemberClient, Outcome<T>> call,
                              Function<T, String> success, Refusal... alreadyDone) {
        if (member.isEmpty()) {
            return Execution.failed("no member answers to ask");
        }
        try (MemberClient client = connector.connect(kvc, member.get())) {
            Outcome<T> outcome = call.apply(client);
            if (outcome instanceof Outcome.Ok<T> ok) {
                return Execution.done(success.apply(ok.value()));
            }
            for (Refusal refusal : alreadyDone) {
                if (outcome.refusedWith(refusal)) {
                    return Execution.done("already done: " + refusal.message());
                }
            }
            return Execution.failed(member.get() + " answered " + outcome);
        }
    }

    /** The leader if one reports itself, else the member that has applied the most. */
    private static Optional<String> target(Observation o) {
        Optional<MemberReport> leader = o.reports().values().stream().filter(MemberReport::isLeader).findFirst();
        return leader.or(() -> o.reports().values().stream().max(Comparator.comparingLong(MemberReport::raftIndex)))
                .map(MemberReport::member);
    }
}
