package io.revkv.operator.execute;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Reason;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Clock;
import java.util.Set;

/**
 * Performs the one action the planner chose and records it as an Event (reason: the action's PascalCase reason;
 * Warning for data loss and for failures). Waiting and being done record nothing: they change nothing; except that
 * a wait that turns stuck (a step past its deadline) is recorded once, as a Warning.
 */
public final class Executor {

    private static final Set<Reason> WARNINGS = Set.of(Reason.DataLoss);
    /**
     * Waits past their deadline: a Warning Event when the wait first becomes stuck (the stored Progressing
     * condition does not carry the reason yet), not on every reconcile while it stays stuck.
     */
    private static final Set<Reason> STUCK = Set.of(Reason.LearnerStuck, Reason.MemberNotReady);

    private final ObjectActions objects;
    private final MembershipActions membership;
    private final DefragActions defrag;
    private final EventRecorder events;

    public Executor(KubernetesClient kubernetes, MemberConnector connector, Clock clock) {
        this.objects = new ObjectActions(kubernetes);
        this.membership = new MembershipActions(connector);
        this.defrag = new DefragActions(connector, clock);
        this.events = new EventRecorder(kubernetes, clock);
    }

    public Execution perform(KVCluster kvc, Observation observation, Action action) {
        if (action instanceof Action.Wait wait) {
            if (STUCK.contains(wait.reason()) && !wait.reason().name().equals(progressingReason(kvc))) {
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
        return execution;
    }

    /** The reason of the stored Progressing condition: what the last reconcile reported. */
    private static String progressingReason(KVCluster kvc) {
        if (kvc.getStatus() == null || kvc.getStatus().getConditions() == null) {
            return null;
        }
        return kvc.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType()))
                .map(io.fabric8.kubernetes.api.model.Condition::getReason).findFirst().orElse(null);
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
        } else if (action instanceof Action.Defragment a) {
            return defrag.defragment(kvc, o, a);
        }
        throw new IllegalArgumentException("no executor for " + action);
    }
}
