package io.revkv.operator.observe;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.revkv.operator.Labels;
import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.AlarmState;
import io.revkv.operator.plan.ContainerTermination;
import io.revkv.operator.plan.Desired;
import io.revkv.operator.plan.MemberReport;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.PodState;
import io.revkv.operator.plan.RaftMember;
import io.revkv.operator.plan.Timeline;
import io.revkv.operator.plan.VolumeState;
import io.revkv.operator.resources.Endpoints;
import io.revkv.operator.resources.MemberPod;
import io.revkv.operator.resources.PodHash;
import io.revkv.operator.resources.MemberVolume;
import io.revkv.operator.status.StatusInput;
import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.VolumeRetentionPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the planner's observation and the status input from one reconcile's reads, at the time its clock tells
 * (so that tests decide the time, and the planner never reads one).
 */
public final class Observer {

    private final KVCluster kvc;
    private final Endpoints endpoints;
    private final Clock clock;

    public Observer(KVCluster kvc, Clock clock) {
        this.kvc = kvc;
        this.endpoints = new Endpoints(kvc);
        this.clock = clock;
    }

    public Observation observation(List<Pod> pods, List<PersistentVolumeClaim> claims, MemberAnswers answers) {
        Observation o = new Observation(desired(), latchedClusterId(), Map.of(), Map.of(), Optional.empty(), Map.of(),
                        clock.instant(), lastDefrag())
                .withPods(pods.stream().filter(p -> member(p.getMetadata().getLabels()) != null)
                        .map(Observer::podState).toArray(PodState[]::new))
                .withVolumes(claims.stream().filter(c -> member(c.getMetadata().getLabels()) != null)
                        .map(Observer::volumeState).toArray(VolumeState[]::new))
                .withReports(reports(answers).toArray(MemberReport[]::new))
                .withAlarms(alarmState(answers))
                .withTimeline(timeline(pods));
        return answers.membership() instanceof Outcome.Ok<List<GroupMember>> ok
                ? o.withMembership(ok.value().stream().map(this::raftMember).toArray(RaftMember[]::new)) : o;
    }

    public StatusInput statusInput(List<Pod> pods, MemberAnswers answers, OptionalLong compactRevision, Action action) {
        List<StatusInput.Member> members = answers.membership() instanceof Outcome.Ok<List<GroupMember>> ok
                ? ok.value().stream().map(m -> new StatusInput.Member(name(m), m,
                        ok(answers.statuses().get(name(m))))).toList()
                : List.of();
        List<Alarm> alarms = answers.alarms() instanceof Outcome.Ok<List<Alarm>> a ? a.value() : List.of();
        Map<String, Boolean> ready = pods.stream().filter(p -> member(p.getMetadata().getLabels()) != null)
                .collect(Collectors.toMap(p -> member(p.getMetadata().getLabels()), Observer::ready));
        return new StatusInput(kvc.getMetadata().getName(), generation(), kvc.getSpec().getReplicas(),
                Boolean.TRUE.equals(kvc.getSpec().getPaused()), latchedClusterId(), members, alarms, ready,
                compactRevision, action, DefragPolicies.quota(kvc).quotaBytes());
    }

    /** A member's name: its own once started, else the one its peer URL carries ({@code <member>.<peer service>...}). */
    public String name(GroupMember member) {
        if (member.started()) {
            return member.name();
        }
        String suffix = "." + endpoints.peerService() + ".";
        return member.peerUrls().stream().map(url -> URI.create(url).getHost()).filter(h -> h != null && h.contains(suffix))
                .map(h -> h.substring(0, h.indexOf(suffix))).findFirst()
                .orElse("unknown-" + Long.toHexString(member.id()));
    }

    private Desired desired() {
        boolean deleteScaled = kvc.getSpec().getStorage().getRetentionPolicy().getWhenScaled()
                == VolumeRetentionPolicy.Policy.Delete;
        return new Desired(kvc.getMetadata().getName(), kvc.getSpec().getReplicas(),
                Boolean.TRUE.equals(kvc.getSpec().getPaused()), deleteScaled, PodHash.of(kvc), kvc.getSpec().getVersion(),
                DefragPolicies.of(kvc), DefragPolicies.quota(kvc));
    }

    /**
     * The alarms by type, the leader's revision (its Status header), the compact revision when it was asked, and
     * the compact revision each member's last defragmentation ran at.
     */
    private AlarmState alarmState(MemberAnswers answers) {
        List<Alarm> alarms = answers.alarms() instanceof Outcome.Ok<List<Alarm>> a ? a.value() : List.of();
        OptionalLong revision = answers.statuses().values().stream().filter(Outcome::ok).map(Outcome::value)
                .filter(r -> r.leaderId() != 0 && r.leaderId() == r.memberId())
                .mapToLong(MemberStatusReport::revision).findFirst();
        Map<String, Long> defragged = kvc.getStatus() == null || kvc.getStatus().getLastDefrag() == null ? Map.of()
                : kvc.getStatus().getLastDefrag().stream()
                        .filter(r -> r.getName() != null && r.getCompactRevision() != null)
                        .collect(Collectors.toMap(DefragRecord::getName, DefragRecord::getCompactRevision,
                                (x, y) -> y));
        return new AlarmState(ids(alarms, "NOSPACE"), ids(alarms, "CORRUPT"), revision, answers.compactRevision(),
                defragged);
    }

    private static Set<Long> ids(List<Alarm> alarms, String type) {
        return alarms.stream().filter(a -> type.equals(a.type())).map(Alarm::memberId).collect(Collectors.toSet());
    }

    /** status.lastDefrag: when each member was last defragmented. */
    private Map<String, Instant> lastDefrag() {
        if (kvc.getStatus() == null || kvc.getStatus().getLastDefrag() == null) {
            return Map.of();
        }
        return kvc.getStatus().getLastDefrag().stream().filter(r -> r.getName() != null && r.getTime() != null)
                .collect(Collectors.toMap(DefragRecord::getName, r -> Instant.parse(r.getTime()),
                        (a, b) -> a.isAfter(b) ? a : b));
    }

    /**
     * When each member's Pod was created and last changed readiness (as the API server and the kubelet recorded
     * them), and when each member's defragmentation last failed (status.lastDefrag[].failedTime).
     */
    private Timeline timeline(List<Pod> pods) {
        Timeline timeline = Timeline.NONE;
        for (Pod pod : pods) {
            String member = member(pod.getMetadata().getLabels());
            Instant created = instant(pod.getMetadata().getCreationTimestamp());
            if (member != null && created != null) {
                Instant changed = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                        : pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                                .map(c -> instant(c.getLastTransitionTime())).filter(t -> t != null).findFirst()
                                .orElse(null);
                timeline = timeline.withPod(member, created, changed == null ? created : changed);
            }
        }
        if (kvc.getStatus() != null && kvc.getStatus().getLastDefrag() != null) {
            for (DefragRecord r : kvc.getStatus().getLastDefrag()) {
                Instant failed = instant(r.getFailedTime());
                if (r.getName() != null && failed != null) {
                    timeline = timeline.withDefragFailed(r.getName(), failed);
                }
            }
        }
        return timeline;
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(rfc3339).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private OptionalLong latchedClusterId() {
        String id = kvc.getStatus() == null ? null : kvc.getStatus().getClusterID();
        return id == null ? OptionalLong.empty() : OptionalLong.of(Long.parseUnsignedLong(id, 16));
    }

    private long generation() {
        Long generation = kvc.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private RaftMember raftMember(GroupMember m) {
        return new RaftMember(m.id(), name(m), m.learner(), m.started());
    }

    /**
     * A member's report: its Status answer; healthy without errors and without a CORRUPT alarm raised on it. The
     * alarms Status lists among its errors ({@code memberID:.. alarm:NOSPACE}, every member lists every alarm of
     * the cluster) are not the member's own failures, and NOSPACE leaves a member serving reads, deletes,
     * compaction and defragmentation: what reclaiming space needs it to do.
     */
    private static List<MemberReport> reports(MemberAnswers answers) {
        List<Alarm> alarms = answers.alarms() instanceof Outcome.Ok<List<Alarm>> a ? a.value() : List.of();
        return answers.statuses().entrySet().stream().filter(e -> e.getValue().ok()).map(e -> {
            MemberStatusReport r = e.getValue().value();
            boolean corrupt = alarms.stream().anyMatch(a -> a.memberId() == r.memberId() && !"NOSPACE".equals(a.type()));
            boolean failing = r.errors().stream().anyMatch(error -> !error.contains("alarm:"));
            return new MemberReport(e.getKey(), r.memberId(), r.clusterId(), r.leaderId(), r.raftIndex(),
                    !failing && !corrupt, r.dbSize(), r.dbSizeInUse());
        }).toList();
    }

    private static Optional<MemberStatusReport> ok(Outcome<MemberStatusReport> outcome) {
        return outcome != null && outcome.ok() ? Optional.of(outcome.value()) : Optional.empty();
    }

    private static PodState podState(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
                : pod.getMetadata().getAnnotations();
        PodState state = new PodState(member(pod.getMetadata().getLabels()), ready(pod),
                pod.getMetadata().getDeletionTimestamp() != null, annotations.get(MemberPod.POD_HASH_ANNOTATION),
                annotations.get(MemberPod.VERSION_ANNOTATION), MemberPod.startsNewCluster(pod));
        return containerStatus(pod).filter(c -> c.getLastState() != null && c.getLastState().getTerminated() != null)
                .map(c -> state.withRestarts(c.getRestartCount() == null ? 0 : c.getRestartCount(),
                        termination(c.getLastState().getTerminated())))
                .orElse(state);
    }

    /** The member's container's status as kubelet reports it. */
    private static Optional<ContainerStatus> containerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> "revkv".equals(c.getName())).findFirst();
    }

    private static ContainerTermination termination(ContainerStateTerminated terminated) {
        return new ContainerTermination(terminated.getExitCode() == null ? 0 : terminated.getExitCode(),
                terminated.getMessage(), instant(terminated.getStartedAt()), instant(terminated.getFinishedAt()));
    }

    private static VolumeState volumeState(PersistentVolumeClaim claim) {
        return new VolumeState(member(claim.getMetadata().getLabels()), MemberVolume.memberId(claim),
                claim.getMetadata().getDeletionTimestamp() != null);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String member(Map<String, String> labels) {
        return labels == null ? null : labels.get(Labels.MEMBER);
    }
}
