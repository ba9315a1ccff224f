package io.revkv.operator.plan;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the planner decides on, taken at one moment and never changed: the spec, the latched cluster ID,
 * the cluster's Pods and volumes by member name, the Raft membership (absent when no member answered
 * MemberList), each member's own Status report (absent for a member that did not answer), the time it was taken
 * (from the reconciler's clock), when each member was last defragmented (status.lastDefrag), the alarms, and the
 * {@link Timeline} that times steps which may get stuck.
 */
public record Observation(Desired desired, OptionalLong clusterId, Map<String, PodState> pods,
                          Map<String, VolumeState> volumes, Optional<List<RaftMember>> membership,
                          Map<String, MemberReport> reports, Instant now, Map<String, Instant> lastDefrag,
                          AlarmState alarms, Timeline timeline) {

    /** No alarm raised, no step timed. */
    public Observation(Desired desired, OptionalLong clusterId, Map<String, PodState> pods,
                       Map<String, VolumeState> volumes, Optional<List<RaftMember>> membership,
                       Map<String, MemberReport> reports, Instant now, Map<String, Instant> lastDefrag) {
        this(desired, clusterId, pods, volumes, membership, reports, now, lastDefrag, AlarmState.NONE, Timeline.NONE);
    }

    public Observation {
        pods = Map.copyOf(pods);
        volumes = Map.copyOf(volumes);
        membership = membership.map(List::copyOf);
        reports = Map.copyOf(reports);
        lastDefrag = Map.copyOf(lastDefrag);
        alarms = alarms == null ? AlarmState.NONE : alarms;
        timeline = timeline == null ? Timeline.NONE : timeline;
    }

    /** Taken at the epoch, nothing ever defragmented: for a planner that is not asked to defragment. */
    public Observation(Desired desired, OptionalLong clusterId, Map<String, PodState> pods,
                       Map<String, VolumeState> volumes, Optional<List<RaftMember>> membership,
                       Map<String, MemberReport> reports) {
        this(desired, clusterId, pods, volumes, membership, reports, Instant.EPOCH, Map.of());
    }

    /** A cluster nothing exists of yet. */
    public static Observation empty(Desired desired) {
        return new Observation(desired, OptionalLong.empty(), Map.of(), Map.of(), Optional.empty(), Map.of());
    }

    public Observation withDesired(Desired spec) {
        return new Observation(spec, clusterId, pods, volumes, membership, reports, now, lastDefrag, alarms, timeline);
    }

    public Observation withClusterId(long id) {
        return new Observation(desired, OptionalLong.of(id), pods, volumes, membership, reports, now, lastDefrag, alarms, timeline);
    }

    public Observation withPods(PodState... list) {
        return new Observation(desired, clusterId, byMember(List.of(list), PodState::member), volumes, membership, reports,
                now, lastDefrag, alarms, timeline);
    }

    public Observation withVolumes(VolumeState... list) {
        return new Observation(desired, clusterId, pods, byMember(List.of(list), VolumeState::member), membership, reports,
                now, lastDefrag, alarms, timeline);
    }

    public Observation withMembership(RaftMember... list) {
        return new Observation(desired, clusterId, pods, volumes, Optional.of(List.of(list)), reports, now, lastDefrag, alarms, timeline);
    }

    public Observation withoutMembership() {
        return new Observation(desired, clusterId, pods, volumes, Optional.empty(), reports, now, lastDefrag, alarms, timeline);
    }

    public Observation withReports(MemberReport... list) {
        return new Observation(desired, clusterId, pods, volumes, membership, byMember(List.of(list), MemberReport::member),
                now, lastDefrag, alarms, timeline);
    }

    /** The same observation, taken at another time. */
    public Observation at(Instant time) {
        return new Observation(desired, clusterId, pods, volumes, membership, reports, time, lastDefrag, alarms, timeline);
    }

    /** When each member was last defragmented, by name. */
    public Observation withLastDefrag(Map<String, Instant> times) {
        return new Observation(desired, clusterId, pods, volumes, membership, reports, now, times, alarms, timeline);
    }

    /** The alarms raised, and what reclaiming space decides on. */
    public Observation withAlarms(AlarmState state) {
        return new Observation(desired, clusterId, pods, volumes, membership, reports, now, lastDefrag, state, timeline);
    }

    /** When each Pod started and last changed readiness, and when defragmentations failed. */
    public Observation withTimeline(Timeline times) {
        return new Observation(desired, clusterId, pods, volumes, membership, reports, now, lastDefrag, alarms, times);
    }

    private static <T> Map<String, T> byMember(Collection<T> items, Function<T, String> member) {
        return items.stream().collect(Collectors.toMap(member, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("two entries for member " + member.apply(a));
        }, LinkedHashMap::new));
    }
}
