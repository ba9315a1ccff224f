package io.revkv.operator.execute;

import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action.Defragment;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.status.ByteQuantity;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.DefragSpec;
import io.revkv.operator.v1alpha1.GoDuration;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Defragments one member on its own endpoint, waiting up to spec.defrag.timeout, then asks its Status for the size
 * after. The size before is the one the observation saw. A defragmentation that fails or times out is reported
 * (a Warning Event) and recorded as a failure (status.lastDefrag[].failedTime), so the planner backs off before
 * asking again; the member may still be rewriting its file, and then answers its Status late or not at all, which
 * defers the next step until it is done.
 *
 * <p>The call holds the reconcile thread for at most spec.defrag.timeout, on purpose: the operator reconciles one
 * KVCluster at a time, and while one member rewrites its file no other step may start on that cluster anyway
 * (another member down would risk the quorum); other KVClusters reconcile on other threads. What must not happen,
 * a timed-out defragmentation blocking every reconcile after it, the back-off prevents.
 */
final class DefragActions {

    /** As the planner's back-off after a failure (io.revkv.operator.plan.Defrag.BACKOFF), for the Event. */
    static final String DEFRAG_BACKOFF = "10m";

    private final MemberConnector connector;
    private final Clock clock;
    private final OperatorMetrics metrics;

    DefragActions(MemberConnector connector, Clock clock, OperatorMetrics metrics) {
        this.connector = connector;
        this.clock = clock;
        this.metrics = metrics;
    }

    Execution defragment(KVCluster kvc, Observation o, Defragment action) {
        String timeoutText = timeout(kvc);
        Duration timeout = GoDuration.parse(timeoutText);
        Optional<Long> before = Optional.ofNullable(o.reports().get(action.member())).map(MemberReport::dbSize);
        try (MemberClient client = connector.connect(kvc, action.member())) {
            Instant start = clock.instant();
            Outcome<Void> outcome = client.defragment(timeout);
            Duration took = Duration.between(start, clock.instant());
            if (!outcome.ok()) {
                String failure = action.member() + " was not defragmented within " + timeoutText + ": " + outcome;
                return Execution.defragFailed(failure + "; not tried again for " + DEFRAG_BACKOFF,
                        DefragRecord.failed(action.member(), now(), outcome.toString()));
            }
            Optional<MemberStatusReport> after = Optional.of(client.status()).filter(Outcome::ok).map(Outcome::value);
            DefragRecord record = new DefragRecord(action.member(), now(), action.reason().name(), before.orElse(null),
                    after.map(MemberStatusReport::dbSize).orElse(null),
                    after.map(MemberStatusReport::dbSizeInUse).orElse(null));
            o.alarms().compactRevision().ifPresent(record::setCompactRevision);
            metrics.defragmented(kvc, record, took);
            return Execution.defragmented(message(action.member(), before, after, took), record);
        }
    }

    /** {@code kv-1 defragmented in 1.2s: database 64Mi before, 12Mi after (11Mi in use)}. */
    static String message(String member, Optional<Long> before, Optional<MemberStatusReport> after, Duration took) {
        return member + " defragmented in " + seconds(took) + ": database "
                + before.map(ByteQuantity::format).orElse("of unknown size") + " before, "
                + after.map(r -> ByteQuantity.format(r.dbSize()) + " after (" + ByteQuantity.format(r.dbSizeInUse())
                        + " in use)").orElse("its size after unknown (it did not answer Status)");
    }

    private static String seconds(Duration took) {
        return String.format(java.util.Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** spec.defrag.timeout, 5m when absent (as the schema defaults it). */
    private static String timeout(KVCluster kvc) {
        DefragSpec spec = kvc.getSpec().getDefrag();
        return spec == null || spec.getTimeout() == null ? "5m" : spec.getTimeout();
    }
}
