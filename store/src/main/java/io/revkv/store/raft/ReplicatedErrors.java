package io.revkv.store.raft;

import io.revkv.proto.revkvpb.ApplyError;
import io.revkv.store.apply.CorruptException;
import io.revkv.store.apply.KeyNotFoundException;
import io.revkv.store.apply.NoSpaceException;
import io.revkv.store.lease.LeaseExistsException;
import io.revkv.store.lease.LeaseNotFoundException;
import io.revkv.store.lease.LeaseTtlTooLargeException;
import io.revkv.store.mvcc.CompactedException;
import io.revkv.store.mvcc.FutureRevisionException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the applier's typed domain errors across the Raft reply. Ratis stops a server whose state machine throws,
 * so an error raised while applying travels as data and is thrown again, with its type, where it was proposed.
 */
final class ReplicatedErrors {

    private static final Map<String, Supplier<RuntimeException>> KINDS = Map.of(
            CompactedException.class.getSimpleName(), CompactedException::new,
            FutureRevisionException.class.getSimpleName(), FutureRevisionException::new,
            KeyNotFoundException.class.getSimpleName(), KeyNotFoundException::new,
            LeaseNotFoundException.class.getSimpleName(), LeaseNotFoundException::new,
            NoSpaceException.class.getSimpleName(), NoSpaceException::new,
            CorruptException.class.getSimpleName(), CorruptException::new,
            LeaseExistsException.class.getSimpleName(), LeaseExistsException::new,
            LeaseTtlTooLargeException.class.getSimpleName(), LeaseTtlTooLargeException::new);

    private ReplicatedErrors() {
    }

    /** An error the contract expects (a client's mistake or a race), as opposed to a failure of the store. */
    static boolean isDomainError(RuntimeException e) {
        return KINDS.containsKey(e.getClass().getSimpleName());
    }

    static ApplyError encode(RuntimeException e) {
        return ApplyError.newBuilder()
                .setKind(isDomainError(e) ? e.getClass().getSimpleName() : "")
                .setMessage(String.valueOf(e.getMessage()))
                .build();
    }

    static RuntimeException decode(ApplyError error) {
        Supplier<RuntimeException> kind = KINDS.get(error.getKind());
        return kind != null ? kind.get() : new IllegalStateException(error.getMessage());
    }
}
