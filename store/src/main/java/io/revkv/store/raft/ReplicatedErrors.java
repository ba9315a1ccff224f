package io.revkv.store.raft;

import io.revkv.proto.revkvpb.ApplyError;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;

/**
 * Carries an error raised while applying across the Raft reply. Ratis stops a server whose state machine throws, so
 * the error travels as data, by its {@link EtcdError} name, and is thrown again as the same error where it was
 * proposed: a follower that forwarded the request fails with the error the leader's applier raised.
 *
 * <p>Anything else (a bug, a failing disk) travels as its message and comes back as an
 * {@link IllegalStateException}, which a client sees as Unknown with that message. So does an error name this
 * member's version does not know.
 */
final class ReplicatedErrors {

    private ReplicatedErrors() {
    }

    static ApplyError encode(RuntimeException e) {
        return ApplyError.newBuilder()
                .setKind(e instanceof EtcdException known ? known.error().name() : "")
                .setMessage(String.valueOf(e.getMessage()))
                .build();
    }

    static RuntimeException decode(ApplyError error) {
        return EtcdError.byName(error.getKind())
                .<RuntimeException>map(EtcdError::exception)
                .orElseGet(() -> new IllegalStateException(error.getMessage()));
    }
}
