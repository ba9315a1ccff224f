package io.revkv.operator.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** gRPC failures as the operator reads them: etcd's message decides before the code does. */
class CallsTest {

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("no leader is a refusal, though Unavailable",
                        Status.UNAVAILABLE.withDescription("etcdserver: no leader"),
                        new Outcome.Refused<>(Refusal.NO_LEADER, "etcdserver: no leader")),
                Arguments.of("unhealthy cluster is a refusal, though Unavailable",
                        Status.UNAVAILABLE.withDescription("etcdserver: unhealthy cluster"),
                        new Outcome.Refused<>(Refusal.UNHEALTHY_CLUSTER, "etcdserver: unhealthy cluster")),
                Arguments.of("leader transfer timeout comes as Unknown",
                        Status.UNKNOWN.withDescription("etcdserver: request timed out, leader transfer took too long"),
                        new Outcome.Refused<>(Refusal.LEADER_TRANSFER_TIMEOUT,
                                "etcdserver: request timed out, leader transfer took too long")),
                Arguments.of("a deadline is an unreachable member", Status.DEADLINE_EXCEEDED.withDescription("deadline"),
                        new Outcome.Unreachable<>("DEADLINE_EXCEEDED: deadline")),
                Arguments.of("a refused connection is an unreachable member",
                        Status.UNAVAILABLE.withDescription("io exception"),
                        new Outcome.Unreachable<>("UNAVAILABLE: io exception")),
                Arguments.of("a message with a trailing space is not etcd's",
                        Status.FAILED_PRECONDITION.withDescription("etcdserver: not leader "),
                        new Outcome.Failed<>(Status.Code.FAILED_PRECONDITION, "etcdserver: not leader ")),
                Arguments.of("anything else fails with its code", Status.INTERNAL,
                        new Outcome.Failed<>(Status.Code.INTERNAL, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void mapsTheStatus(String scenario, Status status, Outcome<?> expected) {
        assertThat(Calls.outcome(status)).as(scenario).isEqualTo(expected);
    }
}
