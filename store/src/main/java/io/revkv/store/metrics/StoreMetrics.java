package io.revkv.store.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.revkv.store.backend.Backend;
import io.revkv.store.mvcc.KvStore;
import io.revkv.store.raft.RaftMember;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.IntStream;

/**
 * The member's metrics under etcd's Prometheus names. Micrometer names use dots and get suffixes on export: a
 * counter gains {@code _total}, a timer {@code _seconds}, a base unit {@code _<unit>}; each name below is chosen so
 * that the exported name is exactly etcd's (MetricsIT scrapes them). Histogram buckets are etcd's.
 */
@Startup
@Singleton
public class StoreMetrics {

    public StoreMetrics(Backend backend, KvStore kv, RaftMember raft, MeterRegistry registry) {
        registerBackend(backend, registry);
        registerStore(kv, registry);
        registerRaft(raft, registry);
        Gauge.builder("process.resident.memory", ProcessMemory::residentBytes).baseUnit("bytes")
                .description("Resident memory size in bytes.").register(registry);
    }

    private static void registerBackend(Backend backend, MeterRegistry registry) {
        Gauge.builder("etcd.mvcc.db.total.size.in.bytes", backend, Backend::size)
                .description("Total size of the underlying database physically allocated in bytes.").register(registry);
        Gauge.builder("etcd.mvcc.db.total.size.in.use.in.bytes", backend, Backend::sizeInUse)
                .description("Total size of the underlying database logically in use in bytes.").register(registry);
        // etcd: prometheus.ExponentialBuckets(.1, 2, 13) seconds.
        Timer defrag = Timer.builder("etcd.disk.backend.defrag.duration")
                .description("The latency distribution of backend defragmentation.")
                .serviceLevelObjectives(IntStream.range(0, 13).mapToObj(i -> Duration.ofMillis(100L << i))
                        .toArray(Duration[]::new))
                .register(registry);
        backend.onDefragment(report -> defrag.record(report.took()));
    }

    private static void registerStore(KvStore kv, MeterRegistry registry) {
        FunctionCounter.builder("etcd.mvcc.put", kv, k -> k.statistics().puts())
                .description("Total number of puts seen by this member.").register(registry);
        FunctionCounter.builder("etcd.mvcc.delete", kv, k -> k.statistics().deletes())
                .description("Total number of deletes seen by this member.").register(registry);
        Gauge.builder("etcd.debugging.mvcc.keys.total", kv, k -> k.statistics().keys())
                .description("Total number of keys.").register(registry);
        Gauge.builder("etcd.debugging.mvcc.compact.revision", kv, k -> Math.max(0, k.compactRevision()))
                .description("The revision of the last compaction in store.").register(registry);
        // etcd: prometheus.ExponentialBuckets(100, 2, 14) milliseconds.
        DistributionSummary duration = DistributionSummary
                .builder("etcd.debugging.mvcc.db.compaction.total.duration.milliseconds")
                .description("Bucketed histogram of db compaction total duration.")
                .serviceLevelObjectives(IntStream.range(0, 14).mapToDouble(i -> 100L << i).toArray())
                .register(registry);
        Counter keys = Counter.builder("etcd.debugging.mvcc.db.compaction.keys")
                .description("Total number of db keys compacted.").register(registry);
        kv.statistics().onCompaction(report -> {
            duration.record(report.took().toMillis());
            keys.increment(report.keysRemoved());
        });
    }

    private static void registerRaft(RaftMember raft, MeterRegistry registry) {
        Gauge.builder("etcd.server.has.leader", raft, r -> r.status().leaderId() != 0 ? 1 : 0)
                .description("Whether or not a leader exists. 1 is existence, 0 is not.").register(registry);
        Gauge.builder("etcd.server.is.leader", raft, r -> r.leadership().isLeader() ? 1 : 0)
                .description("Whether or not this member is a leader. 1 if is, 0 otherwise.").register(registry);
    }
}
