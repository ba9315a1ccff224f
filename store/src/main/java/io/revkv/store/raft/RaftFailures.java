package io.revkv.store.raft;

import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;

/**
 * What a failure of Ratis means to an etcd client: the errors with which etcd answers the same situations, so that
 * clients retry (they retry {@code Unavailable}) instead of giving up on an {@code Unknown}.
 */
final class RaftFailures {

    private RaftFailures() {
    }

    /** The reply, if it succeeded; its failure as etcd's error otherwise. */
    static RaftClientReply check(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw toEtcd(reply.getException());
        }
        return reply;
    }

    static RuntimeException toEtcd(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof EtcdException etcd) {
            return etcd;
        }
        return of(cause);
    }

    private static RuntimeException of(Throwable cause) {
        return errorOf(cause).map(EtcdError::exception).map(RuntimeException.class::cast)
                .orElseGet(() -> cause instanceof RuntimeException r ? r
                        : new IllegalStateException("raft: " + cause.getMessage(), cause));
    }

    private static Optional<EtcdError> errorOf(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof TimeoutIOException
                || cause instanceof RaftRetryFailureException) {
            return Optional.of(EtcdError.TIMEOUT);
        }
        if (cause instanceof TransferLeadershipException) {
            return Optional.of(EtcdError.TIMEOUT_LEADER_TRANSFER);
        }
        if (cause instanceof NotLeaderException || cause instanceof LeaderSteppingDownException) {
            return Optional.of(EtcdError.LEADER_CHANGED);
        }
        if (cause instanceof LeaderNotReadyException || cause instanceof ReadIndexException
                || cause instanceof ServerNotReadyException) {
            return Optional.of(EtcdError.NO_LEADER);
        }
        if (Redirect.unreachable(cause)) {
            // The leader could not be reached (killed, restarting) and the retries up to the deadline did not find
            // another: etcd answers a request that outlived its deadline waiting for a leader so.
            return Optional.of(EtcdError.TIMEOUT);
        }
        return Optional.empty();
    }
}
