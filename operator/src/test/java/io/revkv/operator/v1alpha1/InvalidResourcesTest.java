package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KVClusters a user might write by mistake, each refused on create with a message that says what is wrong, and
 * their near neighbours that are fine (so a rule that refuses everything fails here too).
 */
class InvalidResourcesTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                no("no members", "replicas: 0", "/spec/replicas"),
                no("ten members", "replicas: 10", "/spec/replicas"),
                no("a misspelt field", "replica: 3", "replica"),
                no("a version that is no version", "version: latest", "/spec/version"),
                no("a size that is no quantity", "storage: {size: big}", "/spec/storage/size"),
                no("a retention policy that is neither Retain nor Delete",
                        "storage: {retentionPolicy: {whenDeleted: Cascade}}", "/spec/storage/retentionPolicy/whenDeleted"),
                no("a compaction mode etcd does not have", "compaction: {mode: Hourly}", "/spec/compaction/mode"),
                no("a negative periodic retention", "compaction: {mode: Periodic, retention: '-1h'}",
                        "spec.compaction.retention: compaction.retention must be a bare number of hours or a Go duration"),
                no("a periodic retention without unit after a fraction", "compaction: {mode: Periodic, retention: '1.5'}",
                        "spec.compaction.retention: compaction.retention must be a bare number of hours"),
                no("a periodic retention in days", "compaction: {mode: Periodic, retention: 1d}",
                        "spec.compaction.retention: compaction.retention must be a bare number of hours"),
                no("a revision retention given as a duration", "compaction: {mode: Revision, retention: 1h}",
                        "spec.compaction.retention: compaction.retention must be a non-negative integer (revisions to keep) in Revision mode, not 1h"),
                no("a negative revision retention", "compaction: {mode: Revision, retention: '-5'}",
                        "spec.compaction.retention: compaction.retention must be a non-negative integer"),
                no("a negative quota", "quotaBackendBytes: -1", "/spec/quotaBackendBytes"),
                no("a quota as large as the volume", "storage: {size: 8Gi}\nquotaBackendBytes: 8589934592",
                        "spec.quotaBackendBytes: quotaBackendBytes must be smaller than storage.size"),
                no("a quota larger than the default volume", "quotaBackendBytes: 10000000000",
                        "spec.quotaBackendBytes: quotaBackendBytes must be smaller than storage.size"),
                no("no snapshots", "snapshotCount: 0", "/spec/snapshotCount"),
                no("a cron schedule with four fields", "defrag: {schedule: '0 3 * *'}", "/spec/defrag/schedule"),
                no("a fragmentation ratio above one", "defrag: {schedule: '@daily', minFragmentationRatio: 1.5}",
                        "/spec/defrag/minFragmentationRatio"),
                no("a quota share above one", "defrag: {quotaUsageAbove: 80}", "/spec/defrag/quotaUsageAbove"),
                no("a defrag timeout without unit", "defrag: {schedule: '@daily', timeout: '300'}", "/spec/defrag/timeout"),
                no("client TLS without its Secret", "tls: {client: {clientCertAuth: false}}", "secretName"),
                no("client certificate auth the operator cannot pass",
                        "tls: {client: {secretName: kv-tls, clientCertAuth: true}}",
                        "spec.tls.client.operatorSecretName: tls.client.clientCertAuth needs tls.client.operatorSecretName"),
                no("a Secret name that is no name", "tls: {peer: {secretName: Peer_TLS}}", "/spec/tls/peer/secretName"),
                no("a pod label the operator selects by", "pod: {labels: {revkv.io/cluster: other}}",
                        "spec.pod.labels: pod.labels may not set labels under revkv.io/"),
                no("a toleration that is no toleration", "pod: {tolerations: [{key: a, tolerationSeconds: soon}]}",
                        "/spec/pod/tolerations/0/tolerationSeconds"),
                no("paused as a string", "paused: 'yes'", "/spec/paused"));
    }

    static Stream<Arguments> admitted() {
        return Stream.of(
                yes("a single member", "replicas: 1"),
                yes("nine members", "replicas: 9"),
                yes("a bare number of hours, as etcd reads it", "compaction: {mode: Periodic, retention: '5'}"),
                yes("a compound Go duration", "compaction: {mode: Periodic, retention: 1h30m}"),
                yes("a fractional Go duration", "compaction: {mode: Periodic, retention: 0.5h}"),
                yes("a duration in microseconds", "compaction: {mode: Periodic, retention: 90µs}"),
                yes("compaction off", "compaction: {mode: Periodic, retention: '0'}"),
                yes("revisions to keep", "compaction: {mode: Revision, retention: '1000'}"),
                yes("revision compaction off", "compaction: {mode: Revision, retention: '0'}"),
                yes("a quota below the volume", "storage: {size: 8Gi}\nquotaBackendBytes: 8589934591"),
                yes("a quota below a decimal volume", "storage: {size: 10G}\nquotaBackendBytes: 9000000000"),
                yes("defrag on quota use alone", "defrag: {quotaUsageAbove: 0.8}"),
                yes("defrag on a cron with ranges and steps", "defrag: {schedule: '*/30 1-5 * JAN-MAR MON,WED'}"),
                yes("client TLS without client certificates", "tls: {client: {secretName: kv-tls}}"),
                yes("other pod labels", "pod: {labels: {app.kubernetes.io/name: kv, revkv.example.com/x: y}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String scenario, String spec, String expectedError) {
        List<String> errors = Admission.API_SERVER.create(Admission.kvcluster(spec));

        assertThat(errors).as(scenario).anySatisfy(error -> assertThat(error).contains(expectedError));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void admitted(String scenario, String spec) {
        assertThat(Admission.API_SERVER.create(Admission.kvcluster(spec))).as(scenario).isEmpty();
    }

    private static Arguments no(String scenario, String spec, String expectedError) {
        return Arguments.of(scenario, spec, expectedError);
    }

    private static Arguments yes(String scenario, String spec) {
        return Arguments.of(scenario, spec);
    }
}
