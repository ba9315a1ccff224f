package io.revkv.operator.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.revkv.operator.Labels;
import io.revkv.operator.execute.DnsMemberConnector;
import io.revkv.operator.execute.Execution;
import io.revkv.operator.execute.Executor;
import io.revkv.operator.execute.MemberConnector;
import io.revkv.operator.metrics.OperatorMetrics;
import io.revkv.operator.observe.MemberAnswers;
import io.revkv.operator.observe.Observer;
import io.revkv.operator.plan.Action;
import io.revkv.operator.plan.Observation;
import io.revkv.operator.plan.Planner;
import io.revkv.operator.status.DefragHistory;
import io.revkv.operator.status.StatusAggregator;
import io.revkv.operator.status.StatusInput;
import io.revkv.operator.v1alpha1.KVCluster;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** One KVCluster, one action per reconcile. The class reads as the table of contents of a reconcile. */
@ControllerConfiguration(name = "kvcluster")
@RBACRule(apiGroups = "", resources = {"pods", "persistentvolumeclaims"},
        verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
@RBACRule(apiGroups = "", resources = "secrets", verbs = "get")
@Workflow(dependents = {
        @Dependent(name = "peer-service", type = PeerServiceDependent.class),
        @Dependent(name = "client-service", type = ClientServiceDependent.class),
        @Dependent(name = "quorum-budget", type = QuorumBudgetDependent.class)})
public class KVClusterReconciler implements Reconciler<KVCluster> {

    private final MemberPoller poller;
    private final Executor executor;
    private final StatusAggregator aggregator;
    private final CompactRevisionProbe compactRevisions;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final Planner planner;

    @jakarta.inject.Inject
    public KVClusterReconciler(KubernetesClient kubernetes, MeterRegistry registry) {
        this(kubernetes, new DnsMemberConnector(kubernetes, Duration.ofSeconds(2)), Clock.systemUTC(),
                Duration.ofMinutes(5), registry, new Planner());
    }

    /**
     * @param compactProbeEvery how often the leader is asked HashKV for the compact revision
     * @param registry          where {@link OperatorMetrics} go
     * @param planner           the operator's, or another for a test's comparison ({@link Planner#Planner(boolean)})
     */
    public KVClusterReconciler(KubernetesClient kubernetes, MemberConnector connector, Clock clock,
                               Duration compactProbeEvery, MeterRegistry registry, Planner planner) {
        this.planner = planner;
        this.clock = clock;
        this.metrics = new OperatorMetrics(registry);
        this.poller = new MemberPoller(connector);
        this.executor = new Executor(kubernetes, connector, clock, metrics);
        this.aggregator = new StatusAggregator(clock);
        this.compactRevisions = new CompactRevisionProbe(connector, clock, compactProbeEvery);
    }

    @Override
    public UpdateControl<KVCluster> reconcile(KVCluster kvc, Context<KVCluster> context) {
        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        List<PersistentVolumeClaim> claims = List.copyOf(context.getSecondaryResources(PersistentVolumeClaim.class));
        MemberAnswers answers = poller.ask(kvc, pods);
        Observer observer = new Observer(kvc, clock);
        Observation observation = observer.observation(pods, claims, answers);
        Action action = planner.next(observation);
        Execution execution = executor.perform(kvc, observation, action);
        OptionalLong compactRevision = compactRevisions.compactRevision(kvc, answers);
        KVClusterStatus status = aggregator.aggregate(statusInput(observer, pods, answers, compactRevision, action),
                kvc.getStatus());
        status.setLastDefrag(DefragHistory.merge(kvc.getStatus(), execution.defragmented()));
        metrics.observed(context.getPrimaryCache().list().toList(), kvc, status);
        return patchIfChanged(kvc, status).rescheduleAfter(execution.requeueAfter());
    }

    /** A cluster ID latched by this very action is in the status from now on. */
    private static StatusInput statusInput(Observer observer, List<Pod> pods, MemberAnswers answers,
                                           OptionalLong compactRevision, Action action) {
        StatusInput in = observer.statusInput(pods, answers, compactRevision, action);
        if (action instanceof Action.LatchClusterId latch) {
            return new StatusInput(in.cluster(), in.generation(), in.replicas(), in.paused(),
                    OptionalLong.of(latch.clusterId()), in.members(), in.alarms(), in.podReady(),
                    in.compactRevision(), action, in.quotaBytes());
        }
        return in;
    }

    private static UpdateControl<KVCluster> patchIfChanged(KVCluster kvc, KVClusterStatus status) {
        if (!StatusAggregator.changed(kvc.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        KVCluster patch = new KVCluster();
        patch.setMetadata(kvc.getMetadata());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    @Override
    public List<EventSource<?, KVCluster>> prepareEventSources(EventSourceContext<KVCluster> context) {
        return List.of(
                new InformerEventSource<>(owned(Pod.class, "pods"), context),
                new InformerEventSource<>(owned(PersistentVolumeClaim.class, "volumes"), context));
    }

    /** Pods and volumes labelled with their cluster; a volume has no owner reference, so the label maps it back. */
    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> InformerEventSourceConfiguration<R> owned(
            Class<R> type, String name) {
        return InformerEventSourceConfiguration.from(type, KVCluster.class)
                .withName(name)
                .withLabelSelector(Labels.CLUSTER)
                .withSecondaryToPrimaryMapper(r -> Set.of(new ResourceID(
                        r.getMetadata().getLabels().get(Labels.CLUSTER), r.getMetadata().getNamespace())))
                .build();
    }
}
