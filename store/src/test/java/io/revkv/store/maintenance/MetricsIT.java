package io.revkv.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DefragmentRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.testing.FreePorts;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics on the client port, under etcd's names, checked against what etcd 3.4 itself exposes. */
class MetricsIT {

    /** Counters and gauges with one unlabelled sample; the two histograms are checked through _count. */
    private static final List<String> SAMPLES = List.of("etcd_mvcc_db_total_size_in_bytes",
            "etcd_mvcc_db_total_size_in_use_in_bytes", "etcd_debugging_mvcc_compact_revision",
            "etcd_debugging_mvcc_db_compaction_keys_total", "etcd_server_has_leader", "etcd_server_is_leader",
            "etcd_mvcc_put_total", "etcd_mvcc_delete_total", "etcd_debugging_mvcc_keys_total",
            "process_resident_memory_bytes");
    private static final List<String> HISTOGRAMS = List.of(
            "etcd_debugging_mvcc_db_compaction_total_duration_milliseconds", "etcd_disk_backend_defrag_duration_seconds");

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    private static String metricsUrl(ServerProcess server) {
        return "http://" + server.endpoint() + "/metrics";
    }

    @Test
    void etcdsNamesAreExposedOnTheClientPortAsEtcdExposesThem() {
        MetricsScrape etcd = MetricsScrape.of(metricsUrl(servers.etcd("etcd")));
        MetricsScrape revkv = MetricsScrape.of(metricsUrl(servers.revkv("revkv")));
        for (String name : SAMPLES) {
            assertThat(etcd.values()).as("etcd 3.4 exposes %s", name).containsKey(name);
            assertThat(revkv.values()).as("revkv exposes %s", name).containsKey(name);
        }
        for (String name : HISTOGRAMS) {
            assertThat(etcd.hasFamily(name)).as("etcd 3.4 exposes histogram %s", name).isTrue();
            assertThat(revkv.hasFamily(name)).as("revkv exposes histogram %s", name).isTrue();
        }
        assertThat(revkv.value("etcd_server_is_leader")).isEqualTo(1);
        assertThat(revkv.value("etcd_server_has_leader")).isEqualTo(1);
        assertThat(revkv.value("process_resident_memory_bytes")).isGreaterThan(10_000_000);
    }

    @Test
    void metricsMoveWithPutsDeletesCompactionsAndDefragmentations() {
        RevkvProcess revkv = servers.revkv("revkv");
        MetricsScrape before = MetricsScrape.of(metricsUrl(revkv));
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(revkv.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
        long revision = 0;
        for (int i = 0; i < 10; i++) {
            revision = kv.put(put("k" + (i % 4), "v" + i)).getHeader().getRevision();
        }
        kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k0")).build());
        kv.compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
        MaintenanceGrpc.newBlockingStub(revkv.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
                .defragment(DefragmentRequest.getDefaultInstance());

        MetricsScrape after = MetricsScrape.of(metricsUrl(revkv));
        assertThat(after.value("etcd_mvcc_put_total") - before.value("etcd_mvcc_put_total")).isEqualTo(10);
        assertThat(after.value("etcd_mvcc_delete_total") - before.value("etcd_mvcc_delete_total")).isEqualTo(1);
        assertThat(after.value("etcd_debugging_mvcc_keys_total")).isEqualTo(3);
        assertThat(after.value("etcd_debugging_mvcc_compact_revision")).isEqualTo(revision);
        // k0..k3 were put 3, 3, 2, 2 times: the 6 older versions go.
        assertThat(after.value("etcd_debugging_mvcc_db_compaction_keys_total")).isEqualTo(6);
        assertThat(after.value("etcd_debugging_mvcc_db_compaction_total_duration_milliseconds_count")).isEqualTo(1);
        assertThat(after.value("etcd_disk_backend_defrag_duration_seconds_count")).isEqualTo(1);
        assertThat(after.value("etcd_mvcc_db_total_size_in_bytes")).isPositive();
    }

    @Test
    void listenMetricsUrlsServeTheSameMetrics() {
        int port = FreePorts.take(1)[0];
        RevkvProcess revkv = servers.revkv("revkv", "--listen-metrics-urls", "http://127.0.0.1:" + port);
        MetricsScrape extra = MetricsScrape.of("http://127.0.0.1:" + port + "/metrics");
        for (String name : SAMPLES) {
            assertThat(extra.values()).containsKey(name);
        }
        assertThat(MetricsScrape.of(metricsUrl(revkv)).values()).containsKey("etcd_mvcc_put_total");
    }

    private static PutRequest put(String key, String value) {
        return PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value))
                .build();
    }
}
