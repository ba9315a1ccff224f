package io.revkv.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.provider.Arguments;

/** A planner scenario is a row: a name, an observation, the one action it must lead to. */
final class PlannerAssertions {

    private static final Planner PLANNER = new Planner();

    private PlannerAssertions() {
    }

    static Arguments decides(String scenario, Observation observation, Action expected) {
        return Arguments.of(scenario, observation, expected);
    }

    static void assertNext(String scenario, Observation observation, Action expected) {
        Action actual = PLANNER.next(observation);
        assertThat(actual).as("%s%n  observed: %s", scenario, observation).isEqualTo(expected);
        assertThat(PLANNER.next(observation)).as("the planner is deterministic").isEqualTo(actual);
    }
}
