package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.revkv.operator.Labels;
import io.revkv.operator.execute.MemberConnector;
import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.HashKvReport;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.observe.MemberAnswers;
import io.revkv.operator.v1alpha1.KVCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Asks every member that has a Pod for its Status, then the leader (or, without one, the first that answered) for
 * MemberList and the alarms. Each call is bounded by the connector's timeout, so a reconcile never blocks for
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
            Outcome<List<Alarm>> alarms = client.alarms();
            boolean noSpace = alarms.ok() && alarms.value().stream().anyMatch(a -> "NOSPACE".equals(a.type()));
            OptionalLong compacted = OptionalLong.empty();
            if (noSpace) {
                Outcome<HashKvReport> hash = client.hashKv(0);
                // -1 before the first compaction: nothing compacted, 0
                compacted = hash.ok() ? OptionalLong.of(Math.max(0, hash.value().compactRevision())) : compacted;
            }
            return new MemberAnswers(client.memberList(), alarms, statuses, compacted);
        }
    }

    private static boolean isLeader(MemberStatusReport r) {
        return r.leaderId() != 0 && r.leaderId() == r.memberId();
    }
}
