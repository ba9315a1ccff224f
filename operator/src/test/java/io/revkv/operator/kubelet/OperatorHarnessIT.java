package io.revkv.operator.kubelet;

import static io.revkv.operator.kubelet.OperatorHarness.etcdctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import io.revkv.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator end to end on the fabric8 mock server, with {@link FakeKubelet} turning its Pods into real store
 * processes: a KVCluster applied becomes Available, every member a voter, etcdctl working against each.
 */
class OperatorHarnessIT {

    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness();

    private KubernetesClient client;

    @BeforeEach
    void client() {
        client = harness.client();
    }

    /**
     * One three-member cluster through what happens to members. It forms one learner at a time, its status field
     * for field what the members answer etcdctl, the operator's metrics saying what its Events say. A deleted Pod
     * comes back with its member ID and data. Then two kinds of data loss, each repaired by replacing the member:
     * the seed's data directory is emptied under its running Pod (its store refuses to start and says so in its
     * termination message; the operator removes it and lets a new member join under its name on a new volume), and
     * a user deletes kv-2's claim (Kubernetes keeps it, Terminating, while the Pod uses it; the operator replaces that
     * member the same way). Throughout: one cluster ID, never a second cluster, the quorum's data on every member.
     * Last, the members' 4 MB quota fills up, and the operator reclaims the space and disarms ({@link QuotaReclaim}).
     */
    @Test
    void threeMembersFormAndSurviveADeletedPodAnEmptiedDataDirectoryADeletedVolumeAndAFullQuota() throws Exception {
        harness.create("{replicas: 3, quotaBackendBytes: " + QuotaReclaim.QUOTA_BYTES + "}");
        KVClusterStatus before = harness.awaitRunning(3, Duration.ofSeconds(240));
        assertFormedOneByOne(before);
        assertADeletedPodComesBackWithItsDataAndIdentity(before);
        assertThat(etcdctl(harness.clientAddress("kv-1"), "put", "kept", "by the quorum")).isEqualTo("OK");
        Map<String, String> idsBefore = ids(before);

        harness.kubelet().restartWithEmptyDataDir("kv-0", "kv-0");
        KVClusterStatus afterWipe = awaitReplaced("kv-0", idsBefore.get("kv-0"), before.getClusterID());

        assertThat(harness.events()).filteredOn(e -> "DataLoss".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"))
                .satisfies(e -> assertThat(e.getMessage()).contains("the store of kv-0", "data directory",
                        "rejoins as a new learner"));
        assertThat(client.pods().inNamespace("db").withName("kv-0").get().getSpec().getContainers().get(0).getArgs())
                .as("the new kv-0 joins, never starts a cluster").contains("--initial-cluster-state=existing");
        assertThat(ids(afterWipe)).containsEntry("kv-1", idsBefore.get("kv-1")).containsEntry("kv-2", idsBefore.get("kv-2"));
        awaitReads(harness.clientAddress("kv-0"));

        client.persistentVolumeClaims().inNamespace("db").withName("kv-2").delete();
        var claim = client.persistentVolumeClaims().inNamespace("db").withName("kv-2").get();
        assertThat(claim).as("a claim in use stays, Terminating, until its Pod goes").isNotNull();
        assertThat(claim.getMetadata().getDeletionTimestamp()).isNotNull();
        KVClusterStatus afterDelete = awaitReplaced("kv-2", idsBefore.get("kv-2"), before.getClusterID());

        assertThat(harness.events()).filteredOn(e -> "DataLoss".equals(e.getReason())).hasSize(2).last()
                .satisfies(e -> assertThat(e.getMessage()).contains("volume kv-2 is being deleted under its member"));
        assertThat(ids(afterDelete)).containsEntry("kv-0", ids(afterWipe).get("kv-0"))
                .containsEntry("kv-1", idsBefore.get("kv-1"));
        awaitReads(harness.clientAddress("kv-2"));
        assertThat(harness.events()).extracting(Event::getReason).containsSubsequence("DataLoss", "ScaleUp",
                "MemberJoining", "LearnerCaughtUp", "DataLoss", "ScaleUp", "MemberJoining", "LearnerCaughtUp");
        assertThat(harness.events()).extracting(Event::getReason).containsOnlyOnce("Bootstrap", "SeedRetired");
        harness.report(afterDelete);

        QuotaReclaim.aFullClusterIsCompactedDefragmentedAndDisarmed(harness);
    }

    private void assertFormedOneByOne(KVClusterStatus status) throws Exception {
        assertThat(status.getMembers()).extracting(MemberStatus::getName).containsExactly("kv-0", "kv-1", "kv-2");
        assertThat(status.getMembers()).extracting(MemberStatus::getRole).doesNotContain(MemberStatus.Role.Learner)
                .containsOnlyOnce(MemberStatus.Role.Leader);
        assertThat(status.getMembers()).allMatch(MemberStatus::getHealthy);
        MemberTruth.assertStatusIsTrue(harness, 3, List.of());
        assertSummaryIsTrue(3);
        for (int i = 0; i < 3; i++) {
            assertEtcdctlWorks(i, List.of());
        }
        List<String> reasons = harness.events().stream().map(Event::getReason).toList();
        assertThat(reasons).containsSubsequence("Bootstrap", "ClusterFormed", "ScaleUp", "MemberJoining",
                "LearnerCaughtUp", "ScaleUp", "MemberJoining", "LearnerCaughtUp");
        assertThat(harness.scrapeMetrics()).as("the operator's metrics say what its Events and status say")
                .contains("revkv_operator_actions_total{action=\"AddLearner\",cluster=\"kv\",namespace=\"db\","
                                + "outcome=\"performed\",reason=\"ScaleUp\"} 2.0",
                        "revkv_operator_actions_total{action=\"PromoteLearner\",cluster=\"kv\",namespace=\"db\","
                                + "outcome=\"performed\",reason=\"LearnerCaughtUp\"} 2.0",
                        "revkv_cluster_members{cluster=\"kv\",namespace=\"db\"} 3.0",
                        "revkv_cluster_leader{cluster=\"kv\",member=\"" + harness.status().getLeader()
                                + "\",namespace=\"db\"} 1.0");
    }

    private void assertADeletedPodComesBackWithItsDataAndIdentity(KVClusterStatus before) throws Exception {
        assertThat(etcdctl(harness.clientAddress("kv-1"), "put", "kept", "across the restart")).isEqualTo("OK");
        String podUid = client.pods().inNamespace("db").withName("kv-1").get().getMetadata().getUid();

        client.pods().inNamespace("db").withName("kv-1").delete();
        harness.awaitTrue(() -> {
            var pod = client.pods().inNamespace("db").withName("kv-1").get();
            return pod != null && !pod.getMetadata().getUid().equals(podUid);
        }, Duration.ofSeconds(60));
        KVClusterStatus after = harness.awaitRunning(3, Duration.ofSeconds(120));

        assertThat(after.getClusterID()).isEqualTo(before.getClusterID());
        assertThat(after.getMembers()).extracting(MemberStatus::getName, MemberStatus::getId)
                .containsExactlyElementsOf(before.getMembers().stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.getName(), m.getId())).toList());
        assertThat(etcdctl(harness.clientAddress("kv-1"), "get", "kept", "--print-value-only", "--consistency=s"))
                .isEqualTo("across the restart");
        assertThat(harness.events()).as("PodMissing for kv-1 once (kv-0's is the seed's retirement)")
                .filteredOn(e -> e.getMessage().contains("kv-1")).extracting(Event::getReason)
                .containsOnlyOnce("PodMissing").doesNotContain("DataLoss");
    }

    /**
     * Waits for the member to come back under its name with another member ID, a voter among 3 and Available; all
     * the while the latched cluster ID stays, and the member, whenever it answers, answers for that cluster.
     */
    private KVClusterStatus awaitReplaced(String member, String oldId, String clusterId) throws Exception {
        String endpoint = harness.clientAddress(member);
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            KVClusterStatus s = harness.status();
            assertThat(s.getClusterID()).as("the latched cluster ID").isEqualTo(clusterId);
            // etcdctl fails while the member is down; whenever it answers, it answers for the latched cluster
            String json = etcdctl(endpoint, "endpoint", "status", "-w", "json").lines()
                    .filter(l -> l.startsWith("[")).findFirst().orElse("");
            var answer = json.isEmpty() ? null : Serialization.jsonMapper().readTree(json);
            if (answer != null && answer.size() == 1) {
                assertThat(Long.toHexString(answer.get(0).path("Status").path("header").path("cluster_id").asLong()))
                        .as(member + " serves only the latched cluster").isEqualTo(clusterId);
            }
            String newId = ids(s).get(member);
            if (newId != null && !newId.equals(oldId) && s.getReadyReplicas() != null && s.getReadyReplicas() == 3
                    && OperatorHarness.condition(s, "Available", "True") && s.getMembers().size() == 3
                    && s.getMembers().stream().noneMatch(m -> m.getRole() == MemberStatus.Role.Learner)) {
                return s;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError(member + " not replaced; status " + Serialization.asYaml(harness.status())
                + "\nevents " + harness.eventLines() + "\n" + member + " log:\n" + harness.kubelet().log(member));
    }

    /** The member serves the quorum's key from its own data (a serializable read). */
    private void awaitReads(String endpoint) throws InterruptedException {
        harness.awaitTrue(() -> {
            try {
                return "by the quorum".equals(etcdctl(endpoint, "get", "kept", "--print-value-only",
                        "--consistency=s"));
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
    }

    private static Map<String, String> ids(KVClusterStatus status) {
        Map<String, String> ids = new java.util.HashMap<>();
        status.getMembers().forEach(m -> ids.put(m.getName(), m.getId()));
        return ids;
    }

    private static String memberList(String endpoint) throws IOException, InterruptedException {
        var members = Serialization.jsonMapper().readTree(MemberTruth.etcdctl(endpoint, List.of(), "member", "list",
                "-w", "json")).get("members");
        List<String> ids = new java.util.ArrayList<>();
        members.forEach(m -> ids.add(m.get("name").asText() + "=" + m.get("ID").asText()
                + (m.path("isLearner").asBoolean(false) ? " (learner)" : "")));
        return String.join(",", ids);
    }

    /**
     * A one-member cluster, with spec.tls.client and real certificates: the member serves TLS and demands a client
     * certificate, the operator reaches it with its own from a Secret, and etcdctl works with --cacert/--cert/--key
     * (and not without). It becomes Available, its member the leader, and reports compaction; deleted, it takes its
     * Pods and Services, not its volume.
     */
    @Test
    void aSingleMemberClusterWithClientTlsBecomesAvailableReportsCompactionAndWhenDeletedLeavesItsVolume()
            throws Exception {
        TestCertificates certs = TestCertificates.generate(harness.dir().resolve("certs"));
        ServingCertificate serving = ServingCertificate.sign(certs, "kv-serving",
                List.of("DNS:kv-0.kv-peer.db.svc", "DNS:kv-client.db.svc", "IP:" + harness.address(0)));
        secret("kv-tls", Map.of("ca.crt", certs.caCert(), "tls.crt", serving.cert(), "tls.key", serving.key()));
        secret("kv-operator", Map.of("tls.crt", certs.clientCert(), "tls.key", certs.clientKey()));
        harness.create("{replicas: 1, tls: {client: {secretName: kv-tls, clientCertAuth: true, "
                + "operatorSecretName: kv-operator}}}");

        KVClusterStatus status = harness.awaitRunning(1, Duration.ofSeconds(120));

        assertThat(status.getMembers()).singleElement()
                .satisfies(m -> assertThat(m.getRole()).isEqualTo(MemberStatus.Role.Leader));
        assertThat(status.getCompactRevision()).as("nothing compacted yet").isEqualTo(0);
        List<String> tls = List.of("--cacert=" + certs.caCert(), "--cert=" + certs.clientCert(),
                "--key=" + certs.clientKey());
        assertThat(client.pods().inNamespace("db").withName("kv-0").get().getSpec().getContainers().get(0).getArgs())
                .contains("--listen-client-urls=https://0.0.0.0:2379", "--client-cert-auth");
        String kv0 = harness.clientAddress("kv-0");
        assertEtcdctlWorks(0, tls);
        assertThat(MemberTruth.etcdctl(kv0, tls, "put", "key-0", "again")).isEqualTo("OK");
        assertThat(MemberTruth.etcdctl(kv0, tls, "compaction", "2")).isEqualTo("compacted revision 2");
        assertThat(MemberTruth.etcdctl(kv0, tls, "put", "secret", "kept")).isEqualTo("OK");
        assertThat(MemberTruth.etcdctl(kv0, tls, "get", "secret", "--print-value-only")).isEqualTo("kept");
        assertThat(etcdctl(kv0, "--cacert=" + certs.caCert(), "get", "secret"))
                .as("without a client certificate").contains("Error");
        MemberTruth.assertStatusIsTrue(harness, 1, tls);
        harness.awaitNudging(() -> harness.status().getCompactRevision() == 2 && harness.status().getRevision() == 4,
                Duration.ofSeconds(60));
        harness.report(harness.status());

        client.resources(KVCluster.class).inNamespace("db").withName("kv").delete();

        harness.awaitTrue(() -> client.pods().inNamespace("db").list().getItems().isEmpty()
                && !harness.kubelet().running("kv-0"), Duration.ofSeconds(60));
        assertThat(client.services().inNamespace("db").list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace("db").list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactly("kv-0");
        assertThat(harness.kubelet().volume("kv-0").resolve("data")).isDirectory();
    }

    private void secret(String name, Map<String, Path> keys) throws IOException {
        Map<String, String> data = new java.util.HashMap<>();
        for (Map.Entry<String, Path> key : keys.entrySet()) {
            data.put(key.getKey(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(key.getValue())));
        }
        client.secrets().inNamespace("db").resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(data).build()).create();
    }

    /** phase, observedGeneration, readyReplicas and the conditions, against the resource and the Pods. */
    private void assertSummaryIsTrue(int voters) {
        KVCluster kvc = client.resources(KVCluster.class).inNamespace("db").withName("kv").get();
        KVClusterStatus s = kvc.getStatus();
        assertThat(s.getPhase()).isEqualTo(Phase.Running);
        assertThat(s.getObservedGeneration()).as("observedGeneration").isNotNull()
                .isEqualTo(kvc.getMetadata().getGeneration());
        assertThat(s.getReadyReplicas()).isEqualTo(voters);
        assertThat(client.pods().inNamespace("db").list().getItems()).as("Pods the kubelet reports Ready")
                .filteredOn(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .hasSize(voters);
        assertThat(s.getConditions()).filteredOn(c -> "Available".equals(c.getType())).singleElement()
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("True");
                    assertThat(c.getReason()).isNotBlank();
                    assertThat(c.getLastTransitionTime()).isNotBlank();
                    assertThat(c.getObservedGeneration()).isEqualTo(kvc.getMetadata().getGeneration());
                });
        assertThat(s.getConditions()).filteredOn(c -> "Degraded".equals(c.getType())).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    /** etcdctl (Go, so it resolves with /etc/hosts, not the JVM's file) at the member's own address. */
    private void assertEtcdctlWorks(int ordinal, List<String> flags) throws IOException, InterruptedException {
        String endpoint = harness.clientAddress("kv-" + ordinal);
        assertThat(MemberTruth.etcdctl(endpoint, flags, "put", "key-" + ordinal, "value-" + ordinal)).isEqualTo("OK");
        assertThat(MemberTruth.etcdctl(endpoint, flags, "get", "key-" + ordinal, "--print-value-only"))
                .isEqualTo("value-" + ordinal);
    }
}
