package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.status.StatusAggregator;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the members themselves answer, through etcdctl (etcd's own client, so revkv's answers are read as etcd's
 * users read them), and the check that a KVCluster's status says the same: the status is read before and after the
 * members, and a counter that moved on in between (the Raft index) may be anywhere between the two readings.
 */
final class MemberTruth {

    /** One member's `etcdctl endpoint status -w json` and whether `member list` calls it a learner. */
    record Answer(String endpoint, String memberId, String clusterId, String leaderId, long revision, long raftIndex,
                  long dbSize, long dbSizeInUse, boolean learner, String version) {
    }

    private MemberTruth() {
    }

    /** The members' answers by member name, each asked at its address in the harness. */
    static Map<String, Answer> ask(OperatorHarness harness, int members, List<String> flags)
            throws IOException, InterruptedException {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < members; i++) {
            String member = OperatorHarness.CLUSTER + "-" + i;
            String endpoint = harness.clientAddress(member);
            JsonNode status = Serialization.jsonMapper()
                    .readTree(etcdctl(endpoint, flags, "endpoint", "status", "-w", "json")).get(0).get("Status");
            JsonNode header = status.get("header");
            answers.put(member, new Answer(endpoint, hex(header.get("member_id")), hex(header.get("cluster_id")),
                    hex(status.get("leader")), header.path("revision").asLong(), status.path("raftIndex").asLong(),
                    status.path("dbSize").asLong(), status.path("dbSizeInUse").asLong(),
                    status.path("isLearner").asBoolean(false), status.get("version").asText()));
        }
        return answers;
    }

    static List<String> alarms(String endpoint, List<String> flags) throws IOException, InterruptedException {
        String out = etcdctl(endpoint, flags, "alarm", "list");
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /**
     * Asserts every field of the status against the members' answers. The status is a reading the operator took
     * before (a settled cluster is asked again every 30 s, Execution.WHEN_SETTLED), so it is read before the members
     * and again once it was patched after them: each field must equal one of the two readings, and what moves on
     * without clients must lie between them: the Raft indexes (publications, lease and corruption checks) and the
     * bytes in use (they count the member's own bookkeeping writes, which go on without clients too). The operator
     * is nudged to take its next reading at once rather than at its 30 s poll.
     */
    static void assertStatusIsTrue(OperatorHarness harness, int members, List<String> flags)
            throws IOException, InterruptedException {
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            KVClusterStatus before = harness.status();
            Map<String, Answer> answers = ask(harness, members, flags);
            List<String> alarms = alarms(answers.values().iterator().next().endpoint(), flags);
            KVClusterStatus after = nextPatch(harness, before, Duration.ofSeconds(45));
            try {
                compare(before, after, answers, alarms);
                return;
            } catch (AssertionError e) {
                // The cluster moved on between the readings in more than the Raft index: read all again.
                last = e;
            }
        }
        throw last;
    }

    /** The status once it differs from {@code before}, or {@code before} if nothing changed for that long. */
    private static KVClusterStatus nextPatch(OperatorHarness harness, KVClusterStatus before, Duration wait)
            throws InterruptedException {
        AtomicReference<KVClusterStatus> now = new AtomicReference<>();
        boolean changed = harness.nudgeUntil(() -> StatusAggregator.changed(before, now.updateAndGet(
                s -> harness.status())), wait);
        return changed ? now.get() : before;
    }

    private static void compare(KVClusterStatus before, KVClusterStatus after, Map<String, Answer> answers,
                                List<String> alarms) {
        Answer any = answers.values().iterator().next();
        assertThat(answers.values()).as("every member answers the same cluster and leader").allSatisfy(a -> {
            assertThat(a.clusterId()).isEqualTo(any.clusterId());
            assertThat(a.leaderId()).isEqualTo(any.leaderId());
        });
        String leaderName = answers.entrySet().stream().filter(e -> e.getValue().memberId().equals(any.leaderId()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Answer leader = answers.get(leaderName);
        for (KVClusterStatus s : List.of(before, after)) {
            assertThat(s.getClusterID()).as("clusterID").isEqualTo(any.clusterId());
            assertThat(s.getLeader()).as("leader").isEqualTo(leaderName);
            assertThat(s.getMembers()).extracting(MemberStatus::getName).containsExactlyElementsOf(answers.keySet());
            for (MemberStatus m : s.getMembers()) {
                Answer a = answers.get(m.getName());
                String who = m.getName() + " (" + a + ")";
                assertThat(m.getId()).as(who + " id").isEqualTo(a.memberId());
                assertThat(m.getRole()).as(who + " role").isEqualTo(a.learner() ? MemberStatus.Role.Learner
                        : a.memberId().equals(a.leaderId()) ? MemberStatus.Role.Leader : MemberStatus.Role.Follower);
                assertThat(m.getVersion()).as(who + " version").isEqualTo(a.version());
                assertThat(m.getAlarms()).as(who + " alarms (etcdctl alarm list: " + alarms + ")")
                        .containsExactlyInAnyOrderElementsOf(alarmsOf(a.memberId(), alarms));
            }
        }
        assertThat(leader.revision()).as("revision (the leader's)").isIn(before.getRevision(), after.getRevision());
        for (int i = 0; i < before.getMembers().size(); i++) {
            MemberStatus b = before.getMembers().get(i);
            MemberStatus n = after.getMembers().get(i);
            Answer a = answers.get(b.getName());
            String who = b.getName() + " (" + a + ")";
            assertThat(a.revision()).as(who + " revision").isIn(b.getRevision(), n.getRevision());
            assertThat(a.dbSize()).as(who + " dbSize").isIn(b.getDbSize(), n.getDbSize());
            assertThat(a.dbSizeInUse()).as(who + " dbSizeInUse between the status read before and after")
                    .isBetween(Math.min(b.getDbSizeInUse(), n.getDbSizeInUse()),
                            Math.max(b.getDbSizeInUse(), n.getDbSizeInUse()));
            assertThat(a.raftIndex()).as(who + " raftIndex between the status read before and after")
                    .isBetween(b.getRaftIndex(), n.getRaftIndex());
        }
    }

    /** `alarm list` prints "memberID:<decimal> alarm:<TYPE>" per alarm. */
    private static List<String> alarmsOf(String memberIdHex, List<String> alarms) {
        String decimal = new BigInteger(memberIdHex, 16).toString();
        List<String> types = new ArrayList<>();
        for (String line : alarms) {
            if (line.startsWith("memberID:" + decimal + " ")) {
                types.add(line.substring(line.indexOf("alarm:") + "alarm:".length()));
            }
        }
        return types;
    }

    /** etcdctl prints uint64 IDs in decimal; the status (as etcdctl's tables) in hex. */
    private static String hex(JsonNode id) {
        return id == null ? "0" : new BigInteger(id.asText()).toString(16);
    }

    static String etcdctl(String endpoint, List<String> flags, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints=" + endpoint,
                "--command-timeout=10s"));
        command.addAll(flags);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("etcdctl " + command + " hung");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("etcdctl " + command + " printed " + out).isZero();
        return out;
    }
}
