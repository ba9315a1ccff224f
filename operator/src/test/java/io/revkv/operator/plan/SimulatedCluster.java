package io.revkv.operator.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A toy world for the planner: Kubernetes objects and a Raft group that behave as the real ones do at the level
 * the planner sees. The operator's actions change it as the executor would; {@link #tick()} lets time pass (Pods
 * start, a seed forms a cluster, members apply entries, learners catch up); disturbances delete Pods and volumes.
 * Not a Raft implementation: it keeps only what an Observation reports.
 */
final class SimulatedCluster {

    private static final long CLUSTER_ID = 0xC1L;

    private Desired desired;
    private final Random random;
    private OptionalLong latched = OptionalLong.empty();
    private final Map<String, Boolean> pods = new LinkedHashMap<>();          // name -> running (ready)
    private final Map<String, String> podHashes = new LinkedHashMap<>();      // name -> the hash its Pod was built with
    private final Map<String, OptionalLong> volumes = new LinkedHashMap<>();  // name -> member ID recorded on it
    private final Map<String, Long> dataOf = new LinkedHashMap<>();           // volume name -> member ID whose data it holds
    private final List<RaftMember> members = new ArrayList<>();
    private final Map<Long, Long> applied = new LinkedHashMap<>();
    private final java.util.Set<String> startsNew = new java.util.HashSet<>();  // Pods with --initial-cluster-state new
    private long leaderId;
    private long nextId = 0x100;
    private long commitIndex;

    SimulatedCluster(Desired desired, long seed) {
        this.desired = desired;
        this.random = new Random(seed);
    }

    Observation observe() {
        List<PodState> podStates = pods.entrySet().stream().map(e -> new PodState(e.getKey(), e.getValue(), false,
                podHashes.get(e.getKey()), desired.version(), startsNew.contains(e.getKey()))).toList();
        List<VolumeState> volumeStates = volumes.entrySet().stream()
                .map(e -> new VolumeState(e.getKey(), e.getValue(), false)).toList();
        Observation o = new Observation(desired, latched, Map.of(), Map.of(), Optional.empty(), Map.of())
                .withPods(podStates.toArray(PodState[]::new)).withVolumes(volumeStates.toArray(VolumeState[]::new))
                .withReports(reports().toArray(MemberReport[]::new));
        return hasQuorum() ? o.withMembership(members.toArray(RaftMember[]::new)) : o;
    }

    /** What the executor does for each action (Wait and Done change nothing). */
    void apply(Action action) {
        if (action instanceof Action.CreateSeed a) {
            volumes.putIfAbsent(a.member(), OptionalLong.empty());
            if (!pods.containsKey(a.member())) {
                startsNew.add(a.member());
            }
            createPod(a.member());
        } else if (action instanceof Action.LatchClusterId a) {
            volumes.put(a.member(), OptionalLong.of(a.memberId()));
            latched = OptionalLong.of(a.clusterId());
        } else if (action instanceof Action.AddLearner a) {
            members.add(RaftMember.learner(nextId++, a.member(), false));
        } else if (action instanceof Action.StartMember a) {
            volumes.putIfAbsent(a.member(), OptionalLong.of(a.memberId()));
            createPod(a.member());
        } else if (action instanceof Action.PromoteLearner a) {
            replace(a.memberId(), m -> RaftMember.voter(m.id(), m.name()));
        } else if (action instanceof Action.RecreatePod a) {
            createPod(a.member());
        } else if (action instanceof Action.RestartMember a) {
            pods.remove(a.member());
        } else if (action instanceof Action.RemoveMember a) {
            members.removeIf(m -> m.id() == a.memberId());
            leaderId = leaderId == a.memberId() ? 0 : leaderId;
        } else if (action instanceof Action.ReplaceMember a) {
            // volume deleted, member removed, Pod deleted (the claim goes with the Pod, at once here)
            members.removeIf(m -> m.id() == a.memberId());
            leaderId = leaderId == a.memberId() ? 0 : leaderId;
            pods.remove(a.member());
            volumes.remove(a.member());
            dataOf.remove(a.member());
        } else if (action instanceof Action.MoveLeader a) {
            leaderId = a.toMemberId();
        } else if (action instanceof Action.RetireSeedPod a) {
            pods.remove(a.member());
            startsNew.remove(a.member());
        } else if (action instanceof Action.DeletePod a) {
            pods.remove(a.member());
        } else if (action instanceof Action.DeleteVolume a) {
            volumes.remove(a.member());
            dataOf.remove(a.member());
        }
    }

    /** Someone edits the KVCluster. */
    void edit(Desired spec) {
        desired = spec;
    }

    /** A Pod is created from the spec as it is now, and records its hash. */
    private void createPod(String member) {
        if (!pods.containsKey(member)) {
            pods.put(member, false);
            podHashes.put(member, desired.podHash());
        }
    }

    /** The hash each Pod was built with. */
    Map<String, String> podHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        pods.keySet().forEach(name -> hashes.put(name, podHashes.get(name)));
        return hashes;
    }

    /** The voters other than the named member that run (Pod ready, on their own data). */
    long runningVotersExcept(String member) {
        return members.stream().filter(m -> !m.learner() && !m.name().equals(member) && running(m)).count();
    }

    /** The member that leads, if the group has a quorum. */
    Optional<String> leader() {
        return members.stream().filter(m -> m.id() == leaderId && hasQuorum()).map(RaftMember::name).findFirst();
    }

    /** Time passes: Pods start on their volumes, the group forms or applies, leaders are elected. */
    void tick() {
        for (String name : new ArrayList<>(pods.keySet())) {
            pods.put(name, start(name));
        }
        commitIndex += 10;
        for (RaftMember m : members) {
            if (running(m)) {
                long behind = applied.getOrDefault(m.id(), 0L);
                applied.put(m.id(), Math.min(commitIndex, behind + 5 + random.nextInt(40)));
            }
        }
        if ((leaderId == 0 || members.stream().noneMatch(m -> m.id() == leaderId && running(m))) && hasQuorum()) {
            leaderId = members.stream().filter(m -> !m.learner() && running(m)).findFirst().map(RaftMember::id).orElse(0L);
        }
    }

    /**
     * Someone deletes a random Pod, and with it (sometimes, and only where other members keep the data) its
     * volume.
     */
    String disturb() {
        if (pods.isEmpty()) {
            return "nothing to disturb";
        }
        List<String> names = new ArrayList<>(pods.keySet());
        String victim = names.get(random.nextInt(names.size()));
        pods.remove(victim);
        startsNew.remove(victim);
        if (random.nextInt(3) == 0 && latched.isPresent() && desired.replicas() > 1) {
            volumes.remove(victim);
            dataOf.remove(victim);
            return "deleted Pod and volume " + victim;
        }
        return "deleted Pod " + victim;
    }

    void deletePod(String member) {
        pods.remove(member);
    }

    /** Delete a member's Pod and volume, as a person or a failed node would. */
    void lose(String member) {
        pods.remove(member);
        volumes.remove(member);
        dataOf.remove(member);
    }

    List<RaftMember> members() {
        return List.copyOf(members);
    }

    boolean hasQuorum() {
        long voters = members.stream().filter(m -> !m.learner()).count();
        long up = members.stream().filter(m -> !m.learner() && running(m)).count();
        return voters > 0 && up >= voters / 2 + 1;
    }

    private boolean start(String name) {
        if (!volumes.containsKey(name)) {
            return false;
        }
        if (members.isEmpty() && latched.isEmpty() && name.equals(desired.seed())) {
            long id = nextId++;
            members.add(RaftMember.voter(id, name));
            dataOf.put(name, id);
            leaderId = id;
            return true;
        }
        Optional<RaftMember> member = members.stream().filter(m -> m.name().equals(name)).findFirst();
        if (member.isEmpty()) {
            return false;
        }
        Long data = dataOf.get(name);
        if (data != null && data != member.get().id()) {
            return false;
        }
        dataOf.put(name, member.get().id());
        replace(member.get().id(), m -> new RaftMember(m.id(), m.name(), m.learner(), true));
        return true;
    }

    private boolean running(RaftMember m) {
        return Boolean.TRUE.equals(pods.get(m.name())) && m.started() && Long.valueOf(m.id()).equals(dataOf.get(m.name()));
    }

    private List<MemberReport> reports() {
        List<MemberReport> reports = new ArrayList<>();
        for (RaftMember m : members) {
            if (running(m)) {
                long leader = hasQuorum() ? leaderId : 0;
                reports.add(new MemberReport(m.name(), m.id(), CLUSTER_ID, leader, applied.getOrDefault(m.id(), 0L), true));
            }
        }
        return reports;
    }

    private void replace(long id, java.util.function.UnaryOperator<RaftMember> change) {
        members.replaceAll(m -> m.id() == id ? change.apply(m) : m);
    }
}
