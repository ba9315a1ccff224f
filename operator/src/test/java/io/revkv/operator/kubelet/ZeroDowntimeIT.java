package io.revkv.operator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.revkv.operator.kubelet.WriteRecorder.Figures;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.DefragSpec;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import io.revkv.operator.v1alpha1.MemberStatus;
import io.revkv.operator.v1alpha1.Phase;
import io.revkv.proto.etcdserverpb.StatusResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client of the Service sees while the operator works on one Available three-member cluster of real store
 * processes: a rolling update (spec.compaction.retention) and a scheduled defragmentation, each first as the
 * operator does them (leadership moved away before the leader is disrupted), then, after the operator restarted
 * with {@code new Planner(false)}, with the leader restarted or defragmented where it leads, for comparison; and,
 * between them, a defragmentation by threshold alone (data written, deleted and compacted until the members'
 * dbSizeInUse says most of their files is free).
 * A {@link ServiceClient} writes and reads all along; no acknowledged write may be lost, and each scenario's
 * figures (longest time without a successful write, failures by gRPC code) are printed as a table, with the order
 * of actions from the Events.
 *
 * <p>Every roll restarts each Pod once with the new flag, the leader's last, never two members down, and ends
 * Available with the same members; every defragmentation pass takes each member once, the leader last, and
 * records every member's sizes in status.lastDefrag.
 *
 * <p>The first roll's change is made with spec.paused: while paused nothing restarts, the status reads Paused, says
 * which member resuming would restart first and keeps refreshing; resumed, the roll starts with that member.
 */
class ZeroDowntimeIT {

    /** The bulk data's seed (the threshold scenario's values). */
    private static final long SEED = 0x5EED_13L;
    /** The member spec.paused says the operator would restart first, e.g. "RestartMember[member=kv-1, ...". */
    private static final Pattern HELD_BACK = Pattern.compile("when resumed it would RestartMember\\[member=(kv-\\d)");

    @RegisterExtension
    final OperatorHarness harness = new OperatorHarness();

    @Test
    void rollsAndDefragmentationsLoseNoAcknowledgedWrite() throws Exception {
        harness.create("{replicas: 3, compaction: {mode: Periodic, retention: 1h}}");
        long clusterId = Long.parseUnsignedLong(harness.awaitRunning(3, Duration.ofSeconds(240)).getClusterID(), 16);
        List<Figures> figures = new ArrayList<>();
        try (ServiceClient service = new ServiceClient(harness, clusterId).start()) {
            harness.awaitTrue(() -> service.recorder().acknowledgedWrites() >= 20, Duration.ofSeconds(60));

            figures.add(roll(service, "roll, MoveLeader first", "2h", true, true));
            figures.add(scheduledDefrag(service, "defrag (schedule), MoveLeader first", true));
            figures.add(thresholdDefrag(service, "defrag (threshold), MoveLeader first"));
            harness.restartOperator(new Planner(false));
            figures.add(roll(service, "roll, leader restarted in place", "3h", false, false));
            figures.add(scheduledDefrag(service, "defrag (schedule), leader in place", false));

            service.stop();
            Map<String, String> stored = service.readAll();
            WriteRecorder recorder = service.recorder();
            System.out.println("--- what the client saw (" + recorder.requests().size() + " requests, "
                    + recorder.acknowledgedWrites() + " acknowledged writes, " + stored.size()
                    + " keys read back) ---\n" + WriteRecorder.table(figures) + "first message by code: "
                    + recorder.firstMessages());
            assertThat(recorder.lost(stored)).as("acknowledged writes the final linearizable read misses").isEmpty();
            assertThat(figures).allSatisfy(f -> assertThat(f.writesOk()).as(f.scenario()).isPositive());
            assertThat(recorder.requests()).as("answers from another cluster: another harness on this machine took "
                    + "a member's address; the figures are not this cluster's").noneMatch(
                    r -> r.code().equals(ServiceClient.OTHER_CLUSTER));
        }
    }

    /**
     * Changes the retention and watches every member restart once; the figures of the roll. {@code pausedFirst}:
     * the change is made with spec.paused, checked to roll nothing ({@link #pausedRollsNothing}), and the roll
     * (its figures) starts when the cluster is resumed, with the member the paused status named.
     */
    private Figures roll(ServiceClient service, String scenario, String retention, boolean leaderLast,
                         boolean pausedFirst) throws Exception {
        KVClusterStatus before = harness.awaitRunning(3, Duration.ofSeconds(120));
        String leader = OperatorHarness.leader(before);
        Map<String, String> uids = harness.uids();
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Optional<KVClusterStatus> paused = pausedFirst ? Optional.of(pausedRollsNothing(before, retention, uids))
                : Optional.empty();
        long from = System.nanoTime();

        harness.edit(k -> {
            k.getSpec().getCompaction().setRetention(retention);
            k.getSpec().setPaused(false);
            return k;
        });
        List<String> restartOrder = new ArrayList<>();
        int mostNotReady = watchRoll(uids, restartOrder, Duration.ofSeconds(300));
        KVClusterStatus after = harness.awaitRunning(3, Duration.ofSeconds(120));
        Figures figures = service.recorder().figures(scenario, from, System.nanoTime());
        if (paused.isPresent()) {
            assertThat(restartOrder.get(0)).as("resumed, the operator first restarts the member the paused status "
                    + "named").isEqualTo(heldBack(paused.get()));
            assertThat(after.getRevision()).as("the data is still there").isGreaterThanOrEqualTo(
                    paused.get().getRevision());
        }

        assertThat(restartOrder).as("every Pod restarted once, the leader's last").hasSize(3).doesNotHaveDuplicates()
                .last().isEqualTo(leader);
        assertThat(mostNotReady).as("never two members down").isLessThanOrEqualTo(1);
        for (Pod pod : harness.client().pods().inNamespace(OperatorHarness.NAMESPACE).list().getItems()) {
            assertThat(pod.getSpec().getContainers().get(0).getArgs())
                    .contains("--auto-compaction-retention=" + retention);
        }
        assertThat(after.getMembers()).extracting(MemberStatus::getName, MemberStatus::getId)
                .containsExactlyElementsOf(before.getMembers().stream()
                        .map(m -> Tuple.tuple(m.getName(), m.getId())).toList());
        List<Event> roll = eventsSince(since, scenario, "MemberOutdated", "LeaderLast");
        List<Event> restarts = roll.stream().filter(e -> e.getReason().equals("MemberOutdated")).toList();
        assertThat(restarts).hasSize(3);
        Event leaderRestart = restarts.stream().filter(e -> e.getMessage().startsWith("Pod " + leader + " deleted"))
                .findFirst().orElseThrow();
        if (!leaderLast) {
            assertThat(roll).extracting(Event::getReason).doesNotContain("LeaderLast");
            return figures;
        }
        assertThat(roll).extracting(Event::getReason).containsOnlyOnce("LeaderLast");
        Event moved = roll.stream().filter(e -> e.getReason().equals("LeaderLast")).findFirst().orElseThrow();
        assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
        assertThat(roll.stream().filter(e -> e != leaderRestart && e != moved))
                .as("the followers' restarts are recorded before leadership moved")
                .allMatch(e -> !OperatorHarness.time(e).isAfter(OperatorHarness.time(moved)));
        assertThat(OperatorHarness.time(leaderRestart)).isAfterOrEqualTo(OperatorHarness.time(moved));
        return figures;
    }

    /**
     * spec.paused with the retention change that would roll every member: nothing restarts while paused, the status
     * reads Paused and says what resuming would do, and keeps refreshing (the members' revision, after two writes
     * each seen by a reading of the operator's, paused). The paused status.
     */
    private KVClusterStatus pausedRollsNothing(KVClusterStatus running, String retention, Map<String, String> uids)
            throws Exception {
        harness.awaitTrue(() -> harness.pod("kv-0") != null && !harness.pod("kv-0").getSpec().getContainers().get(0)
                .getArgs().contains("--initial-cluster-state=new") && harness.ready("kv-0"), Duration.ofSeconds(120));
        harness.edit(k -> {
            k.getSpec().setPaused(true);
            k.getSpec().getCompaction().setRetention(retention);
            return k;
        });
        harness.awaitTrue(() -> harness.status().getPhase() == Phase.Paused, Duration.ofSeconds(60));
        for (int write = 0; write < 2; write++) {
            long revisionBefore = harness.status().getRevision();
            OperatorHarness.etcdctl(harness.clientAddress("kv-0"), "put", "while-paused", String.valueOf(write));
            harness.awaitNudging(() -> harness.status().getRevision() != revisionBefore, Duration.ofSeconds(60));
        }

        KVClusterStatus paused = harness.status();
        harness.report(paused);
        assertThat(harness.uids()).as("nothing restarted while paused").isEqualTo(uids);
        assertThat(harness.events()).extracting(Event::getReason).doesNotContain("MemberOutdated");
        assertThat(paused.getPhase()).isEqualTo(Phase.Paused);
        Condition progressing = paused.getConditions().stream().filter(c -> c.getType().equals("Progressing"))
                .findFirst().orElseThrow();
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("Paused");
        assertThat(progressing.getMessage()).startsWith("spec.paused is true: the operator changes nothing; "
                + "when resumed it would RestartMember[member=kv-");
        assertThat(heldBack(paused)).as("a follower first").isNotEqualTo(OperatorHarness.leader(running));
        assertThat(running.getRevision()).as("the status kept refreshing").isLessThan(paused.getRevision());
        return paused;
    }

    /** The member a paused status says would be restarted first. */
    private static String heldBack(KVClusterStatus paused) {
        String message = paused.getConditions().stream().filter(c -> c.getType().equals("Progressing"))
                .findFirst().orElseThrow().getMessage();
        Matcher matcher = HELD_BACK.matcher(message);
        assertThat(matcher.find()).as(message).isTrue();
        return matcher.group(1);
    }

    /**
     * Schedules a defragmentation once, the next minute (UTC), with no thresholds; the figures from the firing
     * until every member was defragmented and the cluster is Available again.
     */
    private Figures scheduledDefrag(ServiceClient service, String scenario, boolean leaderLast) throws Exception {
        String leader = OperatorHarness.leader(harness.awaitRunning(3, Duration.ofSeconds(120)));
        ZonedDateTime next = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String schedule = next.getMinute() + " " + next.getHour() + " " + next.getDayOfMonth() + " "
                + next.getMonthValue() + " *";
        harness.edit(k -> {
            DefragSpec defrag = new DefragSpec();
            defrag.setSchedule(schedule);
            defrag.setMinFragmentationRatio(0.0);
            defrag.setMinReclaimBytes("0");
            defrag.setTimeout("30s");
            k.getSpec().setDefrag(defrag);
            return k;
        });
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), next.toInstant()).toMillis()));
        long from = System.nanoTime();

        List<DefragRecord> records = awaitDefragmented(next.toInstant(), Duration.ofSeconds(150));
        harness.awaitRunning(3, Duration.ofSeconds(60));
        Figures figures = service.recorder().figures(scenario, from, System.nanoTime());
        assertOnePass(next.toInstant(), scenario, "DefragScheduled", leader, leaderLast, records);
        return figures;
    }

    /**
     * spec.defrag without a schedule (minFragmentationRatio 0.5, minReclaimBytes 2Mi); then about 6 MB written
     * through kv-0, deleted and compacted, which frees most of every member's file: each member is defragmented
     * once for it (DefragThreshold), the leader last after leadership moved. The figures from the compaction until
     * every member was defragmented and the cluster is Available again.
     */
    private Figures thresholdDefrag(ServiceClient service, String scenario) throws Exception {
        String leader = OperatorHarness.leader(harness.awaitRunning(3, Duration.ofSeconds(120)));
        harness.edit(k -> {
            DefragSpec defrag = new DefragSpec();
            defrag.setMinFragmentationRatio(0.5);
            defrag.setMinReclaimBytes("2Mi");
            defrag.setTimeout("30s");
            k.getSpec().setDefrag(defrag);
            return k;
        });
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long from = System.nanoTime();
        try (Fragmenter fragmenter = new Fragmenter(harness.clientAddress("kv-0"))) {
            fragmenter.writeDeleteCompact(200, 32 * 1024, SEED);
            for (int i = 0; i < 3; i++) {
                System.out.println("--- " + scenario + ": kv-" + i + " after its compaction: "
                        + awaitMostlyFree(fragmenter, "kv-" + i, Duration.ofSeconds(60)));
            }
        }
        // The operator reads the members' sizes when it looks next: nudged until its first defragmentation, then
        // left to its own pace for the pass.
        harness.awaitNudging(() -> harness.events().stream().anyMatch(e -> e.getReason().equals("DefragThreshold")
                && !OperatorHarness.time(e).isBefore(since)), Duration.ofSeconds(60));
        List<DefragRecord> records = awaitDefragmented(since, Duration.ofSeconds(180));
        harness.awaitRunning(3, Duration.ofSeconds(60));
        Figures figures = service.recorder().figures(scenario, from, System.nanoTime());
        assertOnePass(since, scenario, "DefragThreshold", leader, true, records);
        records.forEach(r -> System.out.println("--- " + scenario + ": " + r.getName() + " " + r.getDbSizeBefore()
                + " bytes before, " + r.getDbSizeAfter() + " after (" + r.getDbSizeInUseAfter() + " in use)"));
        assertThat(records).allSatisfy(r -> assertThat(r.getDbSizeAfter()).as(r.getName())
                .isLessThan(r.getDbSizeBefore() / 2));
        return figures;
    }

    /**
     * Polls the member's Status until most of its file is free (what the thresholds see; each member compacts on
     * its own thread once it applied the compaction, the one asked first) or the operator already defragmented it
     * (the file is small again); the sizes then.
     */
    private String awaitMostlyFree(Fragmenter fragmenter, String member, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StatusResponse status = fragmenter.status(harness.clientAddress(member));
            String sizes = "dbSize " + status.getDbSize() + ", dbSizeInUse " + status.getDbSizeInUse();
            if (status.getDbSizeInUse() < status.getDbSize() / 2 || status.getDbSize() < (1 << 20)) {
                return sizes;
            }
            assertThat(System.nanoTime()).as(member + " still mostly in use: " + sizes).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * One pass of defragmentations since then, for {@code reason}: each member once, the followers first, the
     * leader after leadership moved when {@code leaderLast}, every member's record in status.lastDefrag.
     */
    private void assertOnePass(Instant since, String scenario, String reason, String leader, boolean leaderLast,
                               List<DefragRecord> records) {
        List<Event> pass = eventsSince(since, scenario, reason, "DefragLeaderLast");
        assertThat(pass).extracting(Event::getType).containsOnly("Normal");
        List<Event> defrags = pass.stream().filter(e -> e.getReason().equals(reason)).toList();
        assertThat(defrags).as("each member once").hasSize(3)
                .extracting(e -> e.getMessage().substring(0, e.getMessage().indexOf(' ')))
                .containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
        Event leaderDefrag = defrags.stream().filter(e -> e.getMessage().startsWith(leader + " ")).findFirst()
                .orElseThrow();
        assertThat(defrags.stream().filter(e -> e != leaderDefrag)).as("the followers first")
                .allMatch(e -> !OperatorHarness.time(e).isAfter(OperatorHarness.time(leaderDefrag)));
        if (leaderLast) {
            assertThat(pass).filteredOn(e -> e.getReason().equals("DefragLeaderLast")).hasSize(1);
            Event moved = pass.stream().filter(e -> e.getReason().equals("DefragLeaderLast")).findFirst()
                    .orElseThrow();
            assertThat(moved.getMessage()).startsWith("leadership moved from " + leader + " to ");
            assertThat(OperatorHarness.time(leaderDefrag)).as("the leader after leadership moved")
                    .isAfterOrEqualTo(OperatorHarness.time(moved));
            assertThat(defrags.stream().filter(e -> e != leaderDefrag)).as("the followers before leadership moved")
                    .allMatch(e -> !OperatorHarness.time(e).isAfter(OperatorHarness.time(moved)));
        } else {
            assertThat(pass).extracting(Event::getReason).doesNotContain("DefragLeaderLast");
        }
        assertThat(records).extracting(DefragRecord::getName).containsExactly("kv-0", "kv-1", "kv-2");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getReason()).isEqualTo(reason);
            assertThat(r.getDbSizeBefore()).isPositive();
            assertThat(r.getDbSizeAfter()).isPositive();
        });
    }

    /** The operator's Events of these reasons since then, printed as the scenario's order of actions. */
    private List<Event> eventsSince(Instant since, String scenario, String... reasons) {
        List<Event> events = harness.events().stream()
                .filter(e -> !OperatorHarness.time(e).isBefore(since.truncatedTo(ChronoUnit.SECONDS)))
                .filter(e -> List.of(reasons).contains(e.getReason())).toList();
        System.out.println("--- " + scenario + ": order of actions ---");
        events.forEach(e -> System.out.println(e.getFirstTimestamp() + " " + e.getType() + " " + e.getReason() + ": "
                + e.getMessage()));
        return events;
    }

    /** Every member's status.lastDefrag record is from this firing or later. */
    private List<DefragRecord> awaitDefragmented(Instant firing, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KVClusterStatus s = harness.status();
            if (s != null && s.getLastDefrag() != null && s.getLastDefrag().size() == 3 && s.getLastDefrag().stream()
                    .allMatch(r -> !Instant.parse(r.getTime()).isBefore(firing))) {
                return s.getLastDefrag();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not every member defragmented within " + timeout + " of " + firing + "; events "
                + harness.eventLines());
    }

    /** Polls the Pods until each was replaced: the order they were, and the most members down at once. */
    private int watchRoll(Map<String, String> uids, List<String> order, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int mostNotReady = 0;
        Set<String> servedAgain = new HashSet<>();
        while (order.size() < uids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("restarted only " + order + " within " + timeout + "; events "
                        + harness.eventLines());
            }
            Map<String, String> now = harness.uids();
            // down: taken down by the roll (gone, or replaced and not ready since). A Pod that is briefly not ready
            // after it served again, or that was never restarted (/readyz fails for a moment while leadership moves),
            // is counted in the cluster's status, not here.
            for (String name : uids.keySet()) {
                if (now.get(name) != null && !now.get(name).equals(uids.get(name)) && harness.ready(name)) {
                    servedAgain.add(name);
                }
            }
            int notReady = (int) uids.keySet().stream().filter(name -> now.get(name) == null
                    || (!now.get(name).equals(uids.get(name)) && !servedAgain.contains(name))).count();
            mostNotReady = Math.max(mostNotReady, notReady);
            for (String name : uids.keySet()) {
                if (!order.contains(name) && (now.get(name) == null || !now.get(name).equals(uids.get(name)))) {
                    order.add(name);
                }
            }
            Thread.sleep(100);
        }
        return mostNotReady;
    }
}
