package io.revkv.store.api.http;

import io.revkv.proto.etcdserverpb.AlarmMember;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.store.alarm.AlarmStore;
import io.revkv.store.api.ReadExecutor;
import io.revkv.store.apply.Applier;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.raft.RaftMember;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What etcd 3.5's probes ask of a member ({@code etcdhttp/health.go}), asked of this one:
 * <ul>
 *   <li>{@code /health}: no alarm raised but the excluded ones, a known leader (unless serializable), and a Range
 *       that succeeds within the request timeout ({@link #health});</li>
 *   <li>{@code /livez}: {@code serializable_read}, a local read succeeds: the process can still serve;</li>
 *   <li>{@code /readyz}: {@code data_corruption} (no CORRUPT alarm), {@code serializable_read},
 *       {@code linearizable_read} (a read through the leader, so it fails without one) and {@code non_learner}.</li>
 * </ul>
 * A NOSPACE alarm fails {@code /health} but neither {@code /livez} nor {@code /readyz}: such a member still serves
 * reads and deletes, as etcd's does.
 */
@Singleton
final class HealthChecks {

    /** etcd's ReqTimeout, which bounds /health's Range: 5 s plus two election timeouts. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5).plus(RaftMember.ELECTION_TIMEOUT.multipliedBy(2));

    private final AlarmStore alarms;
    private final RaftMember raft;
    private final Applier applier;
    private final ReadExecutor reads;
    private final CheckRegistry livez;
    private final CheckRegistry readyz;

    HealthChecks(AlarmStore alarms, RaftMember raft, Applier applier, ReadExecutor reads) {
        this.alarms = alarms;
        this.raft = raft;
        this.applier = applier;
        this.reads = reads;
        this.livez = new CheckRegistry(HealthChecks::errorText)
                .register("serializable_read", () -> read(true));
        this.readyz = new CheckRegistry(HealthChecks::errorText)
                .register("data_corruption", () -> noAlarm(AlarmType.CORRUPT))
                .register("serializable_read", () -> read(true))
                .register("linearizable_read", () -> read(false))
                .register("non_learner", this::nonLearner);
    }

    CheckRegistry livez() {
        return livez;
    }

    CheckRegistry readyz() {
        return readyz;
    }

    /** etcd 3.5's {@code /health}: the first failing step gives the reason. */
    CompletableFuture<Health> health(Set<String> excludedAlarms, boolean serializable) {
        for (AlarmMember alarm : alarms.get(AlarmType.NONE)) {
            if (!excludedAlarms.contains(alarm.getAlarm().name())) {
                return CompletableFuture.completedFuture(Health.failed(alarmReason(alarm.getAlarm())));
            }
        }
        if (!serializable && raft.status().leaderId() == 0) {
            return CompletableFuture.completedFuture(Health.failed("RAFT NO LEADER"));
        }
        return read(serializable).handle((ok, error) -> error == null
                ? Health.HEALTHY : Health.failed("RANGE ERROR:" + errorText(error)));
    }

    private static String alarmReason(AlarmType alarm) {
        return switch (alarm) {
            case NOSPACE -> "ALARM NOSPACE";
            case CORRUPT -> "ALARM CORRUPT";
            default -> "ALARM UNKNOWN";
        };
    }

    private CompletableFuture<Void> noAlarm(AlarmType type) {
        return alarms.isActive(type)
                ? CompletableFuture.failedFuture(new CheckFailedException("alarm activated: " + type.name()))
                : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> nonLearner() {
        return raft.isLearner()
                ? CompletableFuture.failedFuture(new CheckFailedException("not supported for learner"))
                : CompletableFuture.completedFuture(null);
    }

    /**
     * etcd's probe Range, {@code {keys_only, limit 1}} with no key (the empty key, which no client can write), as
     * the server itself sends it past the API's validation; linearizable unless told.
     */
    private CompletableFuture<Void> read(boolean serializable) {
        RangeRequest range = RangeRequest.newBuilder().setKeysOnly(true).setLimit(1).setSerializable(serializable)
                .build();
        CompletableFuture<Void> ready = serializable ? CompletableFuture.completedFuture(null) : raft.readIndex();
        return ready.thenAcceptAsync(ignored -> applier.range(range), reads)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The error as etcd prints it: its etcd message ("etcdserver: request timed out", ...) or the check's text. */
    static String errorText(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CheckFailedException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return EtcdError.TIMEOUT.message();
        }
        return EtcdError.toStatus(cause).getStatus().getDescription();
    }

    /** A check that failed by itself (not by a read), with etcd's text for it. */
    private static final class CheckFailedException extends RuntimeException {
        CheckFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
