package io.revkv.operator.execute;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Clock;
import java.util.Set;

/**
 * Performs the one action the planner chose and records it as an Event (reason: the action's PascalCase reason;
 * Warning for data loss and for failures) and in the operator's metrics. Waiting and being done record nothing:
 * they change nothing; except that a wait that needs the user (a step past its deadline, data that does not fit the
 * quota) is recorded once, as a Warning, when the cluster starts waiting for it.
 */
public final class Executor {

    private static final Set<Reason> WARNINGS = Set.of(Reason.DataLoss, Reason.CorruptData);

    /**
     * Waits that need the user: a Warning Event when the cluster starts waiting for them (not on every reconcile;
     * the Progressing condition keeps saying it meanwhile).
     */
    private static final Set<Reason> WARN_ON_ENTRY = Set.of(Reason.QuotaStillExceeded, Reason.LearnerStuck,
            Reason.MemberNotReady);

    private final ObjectActions objects;
    private final MembershipActions membership;
    private final DefragActions defrag;
    private final AlarmActions alarms;
    private final EventRecorder events;

    private final OperatorMetrics metrics;

    public Executor(KubernetesClient kubernetes, MemberConnector connector, Clock clock, OperatorMetrics metrics) {
        this.metrics = metrics;
        this.objects = new ObjectActions(kubernetes);
        this.membership = new MembershipActions(connector);
        this.defrag = new DefragActions(connector, clock, metrics);
        this.alarms = new AlarmActions(connector);
        this.events = new EventRecorder(kubernetes, clock);
    }

    public Execution perform(KVCluster kvc, Observation observation, Action action) {
        if (action instanceof Action.Wait wait) {
            if (WARN_ON_ENTRY.contains(wait.reason()) && !waitingAlready(kvc, wait.reason())) {
                events.record(kvc, wait.reason().name(), wait.detail(), true);
            }
            return new Execution(false, wait.detail(), Execution.WHILE_WAITING);
        }
        if (action instanceof Action.Done) {
            return new Execution(false, "as the spec asks", Execution.whenSettled(observation));
        }
        Execution execution = change(kvc, observation, action);
        events.record(kvc, action.reason().name(), execution.message(),
                WARNINGS.contains(action.reason()) || !execution.performed());
        metrics.actionPerformed(kvc, action.getClass().getSimpleName(), action.reason().name(), execution.performed());
        return execution;
    }

    /** The previous reconcile already waited for this reason (its Progressing condition says so). */
    private static boolean waitingAlready(KVCluster kvc, Reason reason) {
        return kvc.getStatus() != null && kvc.getStatus().getConditions() != null && kvc.getStatus().getConditions()
                .stream().anyMatch(c -> "Progressing".equals(c.getType()) && reason.name().equals(c.getReason()));
    }

    /**
     * Volume first, so that an operator stopped half-way sees a volume being deleted under its member (data loss
     * again) and finishes the replacement; then MemberRemove; then the Pod, which releases the volume.
     */
    private Execution replace(KVCluster kvc, Observation o, Action.ReplaceMember a) {
        objects.deleteLostVolume(kvc, a.member());
        Execution removal = membership.remove(kvc, o, a.member(), a.memberId());
        if (!removal.performed()) {
            return Execution.failed(a.seen() + "; removing it failed: " + removal.message());
        }
        objects.deleteReplacedPod(kvc, a.member());
        return Execution.done(a.seen() + ". Member " + a.member() + " (" + Long.toHexString(a.memberId())
                + ") removed from the group and its volume and Pod deleted; it rejoins as a new learner with fresh "
                + "data, promoted once caught up");
    }

    private Execution change(KVCluster kvc, Observation o, Action action) {
        if (action instanceof Action.CreateSeed a) {
            return objects.createSeed(kvc, a.member());
        } else if (action instanceof Action.LatchClusterId a) {
            return objects.latch(kvc, a.clusterId(), a.member(), a.memberId());
        } else if (action instanceof Action.AddLearner a) {
            return membership.addLearner(kvc, o, a.member());
        } else if (action instanceof Action.StartMember a) {
            return objects.startMember(kvc, a.member(), a.memberId(), a.initialCluster());
        } else if (action instanceof Action.PromoteLearner a) {
            return membership.promote(kvc, o, a.member(), a.memberId());
        } else if (action instanceof Action.RecreatePod a) {
            return objects.recreatePod(kvc, a.member(), a.initialCluster());
        } else if (action instanceof Action.RemoveMember a) {
            return membership.remove(kvc, o, a.member(), a.memberId());
        } else if (action instanceof Action.MoveLeader a) {
            return membership.moveLeader(kvc, a.from(), a.toMemberId(), a.to());
        } else if (action instanceof Action.RestartMember a) {
            return objects.restartPod(kvc, a.member(), a.podHash());
        } else if (action instanceof Action.RetireSeedPod a) {
            return objects.retireSeedPod(kvc, a.member());
        } else if (action instanceof Action.DeletePod a) {
            return objects.deletePod(kvc, a.member());
        } else if (action instanceof Action.DeleteVolume a) {
            return objects.deleteVolume(kvc, a.member());
        } else if (action instanceof Action.ReplaceMember a) {
            return replace(kvc, o, a);
        } else if (action instanceof Action.Defragment a) {
            return defrag.defragment(kvc, o, a);
        } else if (action instanceof Action.Compact a) {
            return alarms.compact(kvc, o, a);
        } else if (action instanceof Action.DisarmAlarms a) {
            return alarms.disarm(kvc, o, a);
        }
        throw new IllegalArgumentException("no executor for " + action);
    }
}
