package io.revkv.operator.member;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/** One blocking gRPC call turned into an {@link Outcome}. */
final class Calls {

    private Calls() {
    }

    static <T> Outcome<T> call(Supplier<T> rpc) {
        try {
            return new Outcome.Ok<>(rpc.get());
        } catch (StatusRuntimeException e) {
            return outcome(e.getStatus());
        }
    }

    /**
     * etcd's message first (an etcd refusal with code Unavailable, such as "no leader", is a refusal, not an
     * unreachable member); then deadline and transport failures are Unreachable; the rest Failed.
     */
    static <T> Outcome<T> outcome(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        var refusal = Refusal.of(description);
        if (refusal.isPresent()) {
            return new Outcome.Refused<>(refusal.get(), description);
        }
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED, UNAVAILABLE, CANCELLED ->
                    new Outcome.Unreachable<>(status.getCode() + (description.isEmpty() ? "" : ": " + description));
            default -> new Outcome.Failed<>(status.getCode(), description);
        };
    }
}
