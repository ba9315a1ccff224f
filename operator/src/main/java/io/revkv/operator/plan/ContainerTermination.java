package io.revkv.operator.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * How a member's container last ended, as kubelet reports it ({@code status.containerStatuses[].lastState.terminated}).
 *
 * @param exitCode   the process' exit code
 * @param message    the termination message: what the store wrote to its termination-message path (why it refused
 *                   to start), or kubelet's tail of its log ("" when neither)
 * @param startedAt  when that run started
 * @param finishedAt when it ended
 */
public record ContainerTermination(int exitCode, String message, Instant startedAt, Instant finishedAt) {

    public ContainerTermination {
        message = message == null ? "" : message;
    }

    /** How long the run lasted; zero when kubelet did not say. */
    public Duration ran() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    public boolean failed() {
        return exitCode != 0;
    }
}
