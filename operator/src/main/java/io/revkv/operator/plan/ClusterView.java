package io.revkv.operator.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Facts derived from an {@link Observation} whose membership is known: who leads, who votes, who is healthy, how
 * far each has applied, what quorum a change leaves. Members are always in ordinal order, so the planner's choices
 * are deterministic.
 */
final class ClusterView {

    /** etcd promotes a learner once its progress reaches 90% of the leader's (isLearnerReady). */
    static final double LEARNER_READY_RATIO = 0.9;

    private final Observation observation;
    private final List<RaftMember> members;

    ClusterView(Observation observation) {
        this.observation = observation;
        this.members = observation.membership().orElseThrow().stream()
                .sorted(Comparator.comparingInt((RaftMember m) -> ordinal(m.name())).thenComparing(RaftMember::name))
                .toList();
    }

    List<RaftMember> members() {
        return members;
    }

    Stream<RaftMember> started() {
        return members.stream().filter(RaftMember::started);
    }

    Stream<RaftMember> voters() {
        return members.stream().filter(m -> !m.learner());
    }

    Stream<RaftMember> learners() {
        return members.stream().filter(RaftMember::learner);
    }

    boolean isMember(String name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }

    Optional<MemberReport> report(RaftMember member) {
        return Optional.ofNullable(observation.reports().get(member.name())).filter(r -> r.memberId() == member.id());
    }

    boolean healthy(RaftMember member) {
        return report(member).map(MemberReport::healthy).orElse(false);
    }

    Optional<RaftMember> leader() {
        return members.stream().filter(m -> report(m).map(MemberReport::isLeader).orElse(false)).findFirst();
    }

    long raftIndex(RaftMember member) {
        return report(member).map(MemberReport::raftIndex).orElse(0L);
    }

    /** Has the learner applied at least 90% of what the leader has? */
    boolean caughtUp(RaftMember learner, RaftMember leader) {
        return report(learner).isPresent() && raftIndex(learner) >= LEARNER_READY_RATIO * raftIndex(leader);
    }

    /** Healthy voters, leaving out one member (or none, with null). */
    long healthyVotersExcept(RaftMember excluded) {
        return voters().filter(m -> !m.equals(excluded)).filter(this::healthy).count();
    }

    static int quorum(long voters) {
        return (int) (voters / 2 + 1);
    }

    /** The names of the started members in ordinal order: the initial cluster a (re)started Pod is given. */
    List<String> startedNames() {
        return started().map(RaftMember::name).toList();
    }

    /**
     * The smallest ordinal whose name no member, Pod or volume uses: a retained volume of a removed member is never
     * reused by a new one.
     */
    String nextFreeName() {
        Desired desired = observation.desired();
        for (int ordinal = 0; ; ordinal++) {
            String name = desired.member(ordinal);
            if (!isMember(name) && !observation.pods().containsKey(name) && !observation.volumes().containsKey(name)) {
                return name;
            }
        }
    }

    private int ordinal(String name) {
        int ordinal = observation.desired().ordinal(name);
        return ordinal < 0 ? Integer.MAX_VALUE : ordinal;
    }
}
