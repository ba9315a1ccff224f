package io.revkv.store.alarm;

import io.revkv.proto.etcdserverpb.AlarmType;
import java.util.concurrent.CompletableFuture;

/**
 * Raises an alarm for the local member the only way state changes: by proposing {@code ACTIVATE} through Raft.
 * Called from request handlers and from the applier (which must not wait for it: the proposal is applied by the
 * same thread).
 */
@FunctionalInterface
public interface AlarmRaiser {

    /** Proposes the alarm; completes once it has been applied, or exceptionally if the proposal failed. */
    CompletableFuture<Void> raise(AlarmType type);
}
