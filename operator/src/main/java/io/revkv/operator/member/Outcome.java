package io.revkv.operator.member;

import io.grpc.Status;

/**
 * What became of one call to a member.
 *
 * @param <T> the answer of a call that succeeded
 */
public sealed interface Outcome<T> {

    /** The member answered. */
    record Ok<T>(T value) implements Outcome<T> {
    }

    /** The member refused, for a reason etcd names: the call reached it and will not succeed as it is. */
    record Refused<T>(Refusal refusal, String message) implements Outcome<T> {
    }

    /** No answer within the deadline, or no connection: the member may be down, paused or partitioned. */
    record Unreachable<T>(String cause) implements Outcome<T> {
    }

    /** Anything else: a gRPC code and message the operator has no rule for. */
    record Failed<T>(Status.Code code, String message) implements Outcome<T> {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The answer; for tests and callers that checked {@link #ok()}. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("no value: " + this);
    }

    default boolean refusedWith(Refusal refusal) {
        return this instanceof Refused<T> r && r.refusal() == refusal;
    }
}
