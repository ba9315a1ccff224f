package io.revkv.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberStatusReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Desired;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.status.DefragHistory;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.testing.LoopbackCluster;
import io.revkv.testing.ServerProcess;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executor's Defragment against a real one-member etcd 3.4 (kv-0) whose database was filled, emptied and
 * compacted, its Events on the fabric8 mock server: the Event names the sizes before (the observation's) and after
 * (the member's Status right after), the record for status.lastDefrag carries the same, and a defragmentation that
 * outlasts spec.defrag.timeout is a Warning and is recorded as a failure (failedTime, kept with the last success),
 * which the observer reads back for the planner's back-off; the next success clears it.
 */
@EnableKubernetesMockClient(crud = true)
class ExecutorDefragIT {

    private static final Instant NOW = Instant.parse("2026-03-01T03:05:00Z");

    private static LoopbackCluster etcd;

    KubernetesClient client;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = LoopbackCluster.etcd(1, Files.createTempDirectory("executor-defrag")).start();
        etcd.awaitLeader(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static MemberConnector loopback() {
        return (kvc, member) -> MemberClient.connect("127.0.0.1", etcd.member(0).clientPort(), Optional.empty(),
                Duration.ofSeconds(5));
    }

    /** 400 values of 16 KiB written, deleted and compacted away: some 6 MiB the file keeps until defragmented. */
    private static void fragment() {
        ServerProcess member = etcd.member(0);
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(member.channel());
        ByteString value = ByteString.copyFrom(new byte[16 * 1024]);
        for (int i = 0; i < 400; i++) {
            kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(String.format("k%04d", i))).setValue(value)
                    .build());
        }
        long revision = kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
                .setRangeEnd(ByteString.copyFromUtf8("l")).build()).getHeader().getRevision();
        kv.compact(CompactionRequest.newBuilder().setRevision(revision).setPhysical(true).build());
    }

    private static MemberStatusReport status() {
        try (MemberClient c = loopback().connect(null, "kv-0")) {
            return c.status().value();
        }
    }

    private KVCluster cluster(String timeout) {
        return client.resource(Serialization.unmarshal("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata: {name: kv, namespace: db}
                spec:
                  replicas: 1
                  defrag: {schedule: "0 3 * * *", timeout: %s}
                """.formatted(timeout), KVCluster.class)).createOr(r -> r.update());
    }

    private static Observation observed(MemberStatusReport r) {
        return Observation.empty(new Desired("kv", 1, false, false)).withReports(new MemberReport("kv-0",
                r.memberId(), r.clusterId(), r.leaderId(), r.raftIndex(), true, r.dbSize(), r.dbSizeInUse()));
    }

    @Test
    void theEventAndTheRecordCarryTheSizesBeforeAndAfter() {
        fragment();
        MemberStatusReport before = status();
        KVCluster kvc = cluster("30s");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Executor executor = new Executor(client, loopback(), Clock.fixed(NOW, ZoneOffset.UTC),
                new OperatorMetrics(registry));

        Execution done = executor.perform(kvc, observed(before),
                new Action.Defragment("kv-0", before.memberId(), Reason.DefragScheduled));

        MemberStatusReport after = status();
        assertThat(after.dbSize()).as("the file shrank").isLessThan(before.dbSize() - (4L << 20));
        assertThat(done.performed()).as(done.message()).isTrue();
        assertThat(done.message()).isEqualTo("kv-0 defragmented in 0.0s: database "
                + io.revkv.operator.status.ByteQuantity.format(before.dbSize()) + " before, "
                + io.revkv.operator.status.ByteQuantity.format(after.dbSize()) + " after ("
                + io.revkv.operator.status.ByteQuantity.format(after.dbSizeInUse()) + " in use)");
        DefragRecord record = done.defragmented().orElseThrow();
        assertThat(record).usingRecursiveComparison().isEqualTo(new DefragRecord("kv-0", "2026-03-01T03:05:00Z",
                "DefragScheduled", before.dbSize(), after.dbSize(), after.dbSizeInUse()));
        assertThat(client.v1().events().inNamespace("db").list().getItems())
                .extracting(Event::getReason, Event::getType, Event::getMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DefragScheduled", "Normal", done.message()));
        assertThat(registry.get("revkv_operator_defrag").tag("member", "kv-0").timer().count()).isEqualTo(1);
        assertThat(registry.get("revkv_operator_defrag_reclaimed_bytes").counter().count())
                .isEqualTo((double) (before.dbSize() - after.dbSize()));

        KVClusterStatus previous = new KVClusterStatus();
        previous.setLastDefrag(List.of(
                new DefragRecord("kv-0", "2026-02-28T03:10:00Z", "DefragScheduled", 9L, 3L, 3L),
                new DefragRecord("kv-1", "2026-02-28T03:12:00Z", "DefragThreshold", 8L, 2L, 2L)));
        assertThat(DefragHistory.merge(previous, done.defragmented())).as("status.lastDefrag: kv-0's replaced")
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactly(record, previous.getLastDefrag().get(1));
        assertThat(DefragHistory.merge(previous, Optional.empty())).as("nothing defragmented: unchanged")
                .containsExactlyElementsOf(previous.getLastDefrag());
    }

    @Test
    void aDefragmentationThatOutlastsTheTimeoutIsAWarningAndBacksOff() {
        fragment();
        MemberStatusReport before = status();
        KVCluster kvc = cluster("1us");
        Executor executor = new Executor(client, loopback(), Clock.fixed(NOW, ZoneOffset.UTC),
                new OperatorMetrics(new SimpleMeterRegistry()));

        Execution failed = executor.perform(kvc, observed(before),
                new Action.Defragment("kv-0", before.memberId(), Reason.DefragThreshold));

        assertThat(failed.performed()).isFalse();
        assertThat(failed.message()).startsWith("kv-0 was not defragmented within 1us: ")
                .endsWith("; not tried again for 10m");
        assertThat(client.v1().events().inNamespace("db").list().getItems())
                .extracting(Event::getReason, Event::getType, Event::getMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DefragThreshold", "Warning", failed.message()));

        DefragRecord failure = failed.defragmented().orElseThrow();
        assertThat(failure.getFailedTime()).isEqualTo("2026-03-01T03:05:00Z");
        assertThat(failure.getFailure()).as("why, as the member's answer went").isNotBlank();
        assertThat(failure.getTime()).as("a failure is no defragmentation").isNull();

        KVClusterStatus previous = new KVClusterStatus();
        DefragRecord lastSuccess = new DefragRecord("kv-0", "2026-02-28T03:10:00Z", "DefragScheduled", 9L, 3L, 3L);
        previous.setLastDefrag(List.of(lastSuccess));
        List<DefragRecord> merged = DefragHistory.merge(previous, failed.defragmented());
        assertThat(merged).as("the last success stays, the failure is added to it").singleElement()
                .satisfies(r -> {
                    assertThat(r).extracting(DefragRecord::getName, DefragRecord::getTime, DefragRecord::getReason,
                                    DefragRecord::getDbSizeBefore, DefragRecord::getDbSizeAfter,
                                    DefragRecord::getFailedTime, DefragRecord::getFailure)
                            .containsExactly("kv-0", "2026-02-28T03:10:00Z", "DefragScheduled", 9L, 3L,
                                    "2026-03-01T03:05:00Z", failure.getFailure());
                });

        KVClusterStatus stored = new KVClusterStatus();
        stored.setLastDefrag(merged);
        kvc.setStatus(stored);
        Observation next = new io.revkv.operator.observe.Observer(kvc, Clock.fixed(NOW, ZoneOffset.UTC))
                .observation(List.of(), List.of(), io.revkv.operator.observe.MemberAnswers.none());
        assertThat(next.timeline().defragFailed()).as("read back for the planner's back-off")
                .containsEntry("kv-0", NOW);
        assertThat(next.lastDefrag()).as("the last success still counts for the schedule")
                .containsEntry("kv-0", Instant.parse("2026-02-28T03:10:00Z"));

        Execution succeeded = executor.perform(cluster("30s"), observed(status()),
                new Action.Defragment("kv-0", before.memberId(), Reason.DefragThreshold));
        assertThat(succeeded.performed()).as(succeeded.message()).isTrue();
        assertThat(DefragHistory.merge(stored, succeeded.defragmented())).as("a success clears the failure")
                .singleElement().satisfies(r -> {
                    assertThat(r.getFailedTime()).isNull();
                    assertThat(r.getTime()).isEqualTo("2026-03-01T03:05:00Z");
                });
    }
}
