package io.revkv.operator.plan;

import static io.revkv.operator.plan.Fixtures.CLUSTER;
import static io.revkv.operator.plan.Fixtures.id;
import static io.revkv.operator.plan.Fixtures.leads;
import static io.revkv.operator.plan.Fixtures.name;
import static io.revkv.operator.plan.Fixtures.notReady;
import static io.revkv.operator.plan.Fixtures.ready;
import static io.revkv.operator.plan.Fixtures.replicas;
import static io.revkv.operator.plan.Fixtures.terminating;
import static io.revkv.operator.plan.Fixtures.unformed;
import static io.revkv.operator.plan.Fixtures.volume;
import static io.revkv.operator.plan.Fixtures.voter;
import static io.revkv.operator.plan.PlannerAssertions.decides;

import io.revkv.operator.plan.Action.CreateSeed;
import io.revkv.operator.plan.Action.LatchClusterId;
import io.revkv.operator.plan.Action.Wait;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Before the cluster ID is latched: exactly one seed, and never a bootstrap over a formed cluster's volumes. */
class PlannerBootstrapTest {

    static Stream<Arguments> scenarios() {
        Observation none = Observation.empty(replicas(3));
        return Stream.of(
                decides("nothing exists: the seed is created", none, new CreateSeed(name(0))),
                decides("a single-member cluster starts from the same seed", Observation.empty(replicas(1)),
                        new CreateSeed(name(0))),
                decides("the seed's volume exists but its Pod does not (a crash between the two): the Pod is created",
                        none.withVolumes(unformed(0)), new CreateSeed(name(0))),
                decides("the seed Pod starts: wait for its cluster ID", none.withPods(notReady(0)).withVolumes(unformed(0)),
                        new Wait(Reason.SeedStarting, "waiting for seed kv-0 to report a cluster ID")),
                decides("the seed reports its cluster: latched", none.withPods(ready(0)).withVolumes(unformed(0))
                        .withReports(leads(0, 1)), new LatchClusterId(CLUSTER, name(0), id(0))),
                decides("the seed's volume was marked but the status not written (a crash between): latched again",
                        none.withPods(ready(0)).withVolumes(volume(0)).withReports(leads(0, 1)),
                        new LatchClusterId(CLUSTER, name(0), id(0))),
                decides("the seed Pod is terminating: wait, no second seed", none.withPods(terminating(0)),
                        new Wait(Reason.PodTerminating, "seed Pod kv-0 is terminating")),
                decides("formed volumes of an earlier cluster and no status: never bootstrap over them",
                        none.withVolumes(volume(1)), new Wait(Reason.RetainedVolumes, "volume kv-1 holds the data of "
                                + "member 101 of an earlier cluster; no new cluster is bootstrapped over it")),
                decides("paused: nothing happens, even to a cluster that does not exist",
                        Observation.empty(new Desired("kv", 3, true, false)), new Wait(Reason.Paused, "spec.paused is true: the operator changes nothing; when resumed it would "
                                + "CreateSeed[member=kv-0]")),
                decides("a membership answered without a latched ID is not trusted: the seed still decides",
                        none.withMembership(voter(0)), new CreateSeed(name(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesTheNextAction(String scenario, Observation observation, Action expected) {
        PlannerAssertions.assertNext(scenario, observation, expected);
    }
}
