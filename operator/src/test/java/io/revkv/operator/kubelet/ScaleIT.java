package io.revkv.operator.kubelet;

import static io.revkv.operator.kubelet.OperatorHarness.etcdctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.resources.MemberPod;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One cluster of real store processes taken through what a user does with replicas and versions: 1 → 3 → 5 members,
 * a version change rolling all five, 5 → 3, then two of the three members down for good (lost quorum) and back.
 * After each step it checks what a user would: readyReplicas, {@code etcdctl member list}, the data written
 * before, the Events in order, the removed members' Pods and volumes (whenScaled: Delete).
 *
 * <p>Replicas change by editing spec.replicas: the fabric8 mock server does not serve the /scale subresource (it
 * parses {@code .../scale} as the resource itself, so a Scale object PUT there would replace the KVCluster), so
 * {@code kubectl scale}'s path cannot be exercised here; the CRD's scale subresource points at spec.replicas, and
 * CrdDriftTest guards that.
 */
class ScaleIT {

    private static final List<String> GROWTH = List.of("ScaleUp", "MemberJoining", "LearnerCaughtUp");

    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness();

    private final Map<String, String> written = new java.util.LinkedHashMap<>();

    @Test
    void oneToThreeToFiveRolledThenThreeThenLostQuorumAndBack() throws Exception {
        long began = System.nanoTime();
        harness.create("{replicas: 1, version: 0.1.0, storage: {retentionPolicy: {whenScaled: Delete}}}");
        harness.awaitRunning(1, Duration.ofSeconds(180));
        write("before-3");
        lap("1 member", began);

        long step = System.nanoTime();
        setReplicas(3);
        settled(3, Duration.ofSeconds(420));
        assertThat(growthEvents()).as("one learner at a time, each promoted before the next is added")
                .isEqualTo(repeat(GROWTH, 2));
        write("before-5");
        lap("1 -> 3", step);

        step = System.nanoTime();
        setReplicas(5);
        settled(5, Duration.ofSeconds(600));
        assertThat(growthEvents()).isEqualTo(repeat(GROWTH, 4));
        write("before-roll");
        lap("3 -> 5", step);

        step = System.nanoTime();
        roll();
        write("before-3-again");
        lap("roll of 5", step);

        step = System.nanoTime();
        shrinkToThree();
        lap("5 -> 3", step);

        step = System.nanoTime();
        lostQuorumAndBack();
        lap("lost quorum and back", step);
        harness.report(harness.status());
    }

    /** As kubectl scale would, through the field the scale subresource maps (see the class comment). */
    private void setReplicas(int replicas) {
        harness.edit(k -> {
            k.getSpec().setReplicas(replicas);
            return k;
        });
    }

    /** Running with n ready voters, etcdctl listing n started voters, and every key written so far readable. */
    private KVClusterStatus settled(int n, Duration timeout) throws Exception {
        KVClusterStatus status = harness.awaitRunning(n, timeout);
        assertThat(status.getReadyReplicas()).isEqualTo(n);
        assertThat(memberList()).as("etcdctl member list at kv-0").hasSize(n)
                .allSatisfy(m -> assertThat(m).doesNotContain("learner").doesNotContain("unstarted"));
        for (Map.Entry<String, String> kv : written.entrySet()) {
            assertThat(etcdctl(kv0(), "get", kv.getKey(), "--print-value-only")).as(kv.getKey())
                    .isEqualTo(kv.getValue());
        }
        return status;
    }

    /** spec.version 0.1.0 → 0.1.1: each Pod restarted once with the new image and hash, the leader last. */
    private void roll() throws Exception {
        KVClusterStatus before = harness.status();
        String leader = OperatorHarness.leader(before);
        Map<String, String> uids = harness.uids();
        int eventsBefore = harness.events().size();
        harness.edit(k -> {
            k.getSpec().setVersion("0.1.1");
            return k;
        });
        List<String> order = new ArrayList<>();
        int mostDown = watchRoll(uids, order, Duration.ofSeconds(900));
        settled(5, Duration.ofSeconds(300));

        assertThat(order).as("every Pod restarted once, the leader's last").hasSize(5).doesNotHaveDuplicates()
                .last().isEqualTo(leader);
        assertThat(mostDown).as("never two members down").isLessThanOrEqualTo(1);
        Set<String> hashes = new HashSet<>();
        for (Pod pod : harness.client().pods().inNamespace(OperatorHarness.NAMESPACE).list().getItems()) {
            assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith(":0.1.1");
            hashes.add(pod.getMetadata().getAnnotations().get(MemberPod.POD_HASH_ANNOTATION));
        }
        assertThat(hashes).as("one hash, the new spec's").hasSize(1).doesNotContainNull();
        List<Event> rolled = harness.events().subList(eventsBefore, harness.events().size()).stream()
                .filter(e -> List.of("MemberOutdated", "LeaderLast").contains(e.getReason()))
                .filter(e -> "Normal".equals(e.getType())).toList();
        assertThat(rolled).extracting(Event::getReason).containsOnlyOnce("LeaderLast")
                .filteredOn("MemberOutdated"::equals).hasSize(5);
        assertThat(rolled.get(rolled.size() - 2).getReason()).as("leadership moves, then the old leader restarts")
                .isEqualTo("LeaderLast");
        assertThat(rolled.get(rolled.size() - 1).getMessage()).startsWith("Pod " + leader + " deleted");
    }

    /**
     * 5 → 3: the two highest ordinals leave, their Pods and volumes go. kv-4 is made leader first (etcdctl
     * move-leader), so that its removal must move leadership away before it.
     */
    private void shrinkToThree() throws Exception {
        KVClusterStatus before = harness.status();
        String kv4 = before.getMembers().stream().filter(m -> m.getName().equals("kv-4")).findFirst().orElseThrow()
                .getId();
        String was = OperatorHarness.leader(before);
        System.out.println("move-leader: " + etcdctl(harness.clientAddress(was), "move-leader", kv4));
        harness.awaitNudging(() -> "kv-4".equals(harness.status().getLeader()), Duration.ofSeconds(60));
        String leader = OperatorHarness.leader(harness.status());
        assertThat(leader).isEqualTo("kv-4");
        int eventsBefore = harness.events().size();
        setReplicas(3);
        settled(3, Duration.ofSeconds(300));
        assertThat(memberList()).extracting(m -> m.substring(0, m.indexOf('=')))
                .containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
        harness.awaitTrue(() -> harness.pod("kv-3") == null && harness.pod("kv-4") == null
                && claim("kv-3") == null && claim("kv-4") == null, Duration.ofSeconds(60));
        assertThat(claim("kv-0")).as("the members' own volumes stay").isNotNull();

        List<Event> shrink = harness.events().stream().skip(eventsBefore)
                .filter(e -> "Normal".equals(e.getType())).toList();
        List<String> removed = shrink.stream().filter(e -> e.getReason().equals("ScaleDown"))
                .map(Event::getMessage).toList();
        assertThat(removed).as("kv-4 then kv-3 removed, never while it leads").hasSize(2);
        assertThat(removed.get(0)).startsWith("member kv-4 ");
        assertThat(removed.get(1)).startsWith("member kv-3 ");
        int moved = indexOf(shrink, "LeaderLeaving", "leadership moved from kv-4");
        int gone = indexOf(shrink, "ScaleDown", "member kv-4 ");
        assertThat(moved).as("leadership leaves kv-4 before it is removed").isBetween(0, gone - 1);
        assertThat(shrink).extracting(Event::getReason).containsOnlyOnce("LeaderLeaving");
        assertThat(shrink).extracting(Event::getReason).contains("NotAMember");
    }

    /**
     * kv-1 and kv-2 down for good: Available=False/QuorumLost naming both; meanwhile no Pod deleted, the membership
     * unchanged; they come back and the cluster is Available again with its data.
     */
    private void lostQuorumAndBack() throws Exception {
        Map<String, String> uids = harness.uids();
        List<String> members = memberList();
        int eventsBefore = harness.events().size();
        harness.kubelet().hold("kv-1");
        harness.kubelet().hold("kv-2");

        harness.awaitTrue(() -> {
            KVClusterStatus s = harness.status();
            return s != null && OperatorHarness.condition(s, "Available", "False") && available(s).getReason()
                    .equals("QuorumLost");
        }, Duration.ofSeconds(120));
        Condition lost = available(harness.status());
        System.out.println("lost quorum reported: " + lost.getMessage());
        assertThat(lost.getMessage()).startsWith("2 of 3 voters do not answer: kv-1, kv-2;").contains("README");

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            assertThat(harness.uids()).as("no Pod deleted while the quorum is lost").isEqualTo(uids);
            assertThat(memberList()).as("the membership unchanged").isEqualTo(members);
            Thread.sleep(1000);
        }
        assertThat(harness.events().stream().skip(eventsBefore).filter(e -> "Normal".equals(e.getType())))
                .as("the operator did nothing").isEmpty();

        harness.kubelet().release("kv-1");
        harness.kubelet().release("kv-2");
        settled(3, Duration.ofSeconds(300));
        assertThat(harness.uids()).as("the same Pods came back").isEqualTo(uids);
        assertThat(memberList()).isEqualTo(members);
        write("after-quorum");
    }

    /** A member that stays through every step: kv-0 (shrinking removes the highest ordinals). */
    private String kv0() {
        return harness.clientAddress("kv-0");
    }

    private static Condition available(KVClusterStatus s) {
        return s.getConditions().stream().filter(c -> "Available".equals(c.getType())).findFirst().orElseThrow();
    }

    private Object claim(String name) {
        return harness.client().persistentVolumeClaims().inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
    }

    private void write(String key) throws Exception {
        String value = "written " + key;
        assertThat(etcdctl(kv0(), "put", key, value)).isEqualTo("OK");
        written.put(key, value);
    }

    /** name=id lines of etcdctl member list at kv-0, sorted, learners and unstarted members marked. */
    private List<String> memberList() throws IOException, InterruptedException {
        JsonNode members = Serialization.jsonMapper().readTree(MemberTruth.etcdctl(kv0(), List.of(), "member",
                "list", "-w", "json")).get("members");
        Set<String> lines = new TreeSet<>();
        members.forEach(m -> lines.add(m.path("name").asText() + "=" + m.get("ID").asText()
                + (m.path("isLearner").asBoolean(false) ? " (learner)" : "")
                + (m.path("name").asText().isEmpty() ? " (unstarted)" : "")));
        return List.copyOf(lines);
    }

    /** The normal growth Events' reasons, oldest first. */
    private List<String> growthEvents() {
        return harness.events().stream().filter(e -> "Normal".equals(e.getType()))
                .map(Event::getReason).filter(GROWTH::contains).toList();
    }

    private static List<String> repeat(List<String> reasons, int times) {
        List<String> all = new ArrayList<>();
        Collections.nCopies(times, reasons).forEach(all::addAll);
        return all;
    }

    private static int indexOf(List<Event> events, String reason, String messagePrefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getReason().equals(reason) && events.get(i).getMessage().startsWith(messagePrefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void lap(String what, long since) {
        System.out.printf("ScaleIT: %s took %d s%n", what, Duration.ofNanos(System.nanoTime() - since).toSeconds());
    }

    /**
     * Polls the Pods until each was replaced: the order they were, and the most taken down at once (gone, or
     * replaced and not ready since). As RollingUpdateIT's watch, for five members.
     */
    private int watchRoll(Map<String, String> uids, List<String> order, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int mostDown = 0;
        Set<String> servedAgain = new HashSet<>();
        while (order.size() < uids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("restarted only " + order + " within " + timeout + "; events "
                        + harness.eventLines());
            }
            Map<String, String> now = harness.uids();
            for (String name : uids.keySet()) {
                boolean replaced = now.get(name) != null && !now.get(name).equals(uids.get(name));
                if (replaced && harness.ready(name)) {
                    servedAgain.add(name);
                }
                if (!order.contains(name) && (now.get(name) == null || replaced)) {
                    order.add(name);
                }
            }
            int down = (int) uids.keySet().stream().filter(name -> now.get(name) == null
                    || (!now.get(name).equals(uids.get(name)) && !servedAgain.contains(name))).count();
            mostDown = Math.max(mostDown, down);
            Thread.sleep(100);
        }
        return mostDown;
    }
}
