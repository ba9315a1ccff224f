package io.revkv.operator.reconcile;

import io.revkv.operator.execute.MemberConnector;
import io.revkv.operator.member.HashKvReport;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.observe.MemberAnswers;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's compact revision for the status. Only HashKV reports it, and HashKV reads every key, so the leader
 * is asked at most once per {@code every} for each cluster; in between the status keeps the last answer.
 */
final class CompactRevisionProbe {

    private final MemberConnector connector;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Instant> lastAsked = new ConcurrentHashMap<>();

    CompactRevisionProbe(MemberConnector connector, Clock clock, Duration every) {
        this.connector = connector;
        this.clock = clock;
        this.every = every;
    }

    OptionalLong compactRevision(KVCluster kvc, MemberAnswers answers) {
        OptionalLong previous = kvc.getStatus() == null || kvc.getStatus().getCompactRevision() == null
                ? OptionalLong.empty() : OptionalLong.of(kvc.getStatus().getCompactRevision());
        Optional<String> leader = leader(answers);
        Instant last = lastAsked.get(kvc.getMetadata().getUid());
        if (leader.isEmpty() || (previous.isPresent() && last != null && last.plus(every).isAfter(clock.instant()))) {
            return previous;
        }
        lastAsked.put(kvc.getMetadata().getUid(), clock.instant());
        try (MemberClient client = connector.connect(kvc, leader.get())) {
            Outcome<HashKvReport> hash = client.hashKv(0);
            // etcd (and revkv) answer -1 before the first compaction: nothing is compacted, shown as 0.
            return hash.ok() ? OptionalLong.of(Math.max(0, hash.value().compactRevision())) : previous;
        }
    }

    private static Optional<String> leader(MemberAnswers answers) {
        return answers.statuses().entrySet().stream().filter(e -> e.getValue().ok()).filter(e -> {
            MemberStatusReport r = e.getValue().value();
            return r.leaderId() != 0 && r.leaderId() == r.memberId();
        }).map(Map.Entry::getKey).findFirst();
    }
}
