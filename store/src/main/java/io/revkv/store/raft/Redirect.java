package io.revkv.store.raft;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.io.grpc.StatusException;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;

/**
 * Which answers to a write mean "send the same call to the leader again": the member asked does not lead (or no
 * longer, or not yet), or it could not be reached or did not answer in time ({@link #unreachable}). Safe only
 * because the call is the same ({@link LeaderSubmission}); what the state machine answered, or a call to another
 * group, is final.
 */
final class Redirect {

    private Redirect() {
    }

    static boolean of(RaftClientReply reply) {
        return !reply.isSuccess() && of(reply.getException());
    }

    static boolean of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof NotLeaderException || cause instanceof LeaderNotReadyException
                || cause instanceof LeaderSteppingDownException || cause instanceof ServerNotReadyException) {
            return true;
        }
        return unreachable(cause) || cause instanceof IOException
                && !(cause instanceof StateMachineException || cause instanceof GroupMismatchException);
    }

    /**
     * Whether {@code failure} says only that a member could not be reached or its connection broke (a member killed
     * or restarting), not what the member answered. Ratis' gRPC clients mostly wrap such a failure in a plain
     * IOException, but one a member's server meets while asking the leader for a read index arrives as the raw
     * (shaded) gRPC status exception, "UNAVAILABLE: io exception".
     */
    static boolean unreachable(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof StatusRuntimeException || cause instanceof StatusException
                || cause instanceof AlreadyClosedException
                || cause instanceof IOException && !(cause instanceof RaftException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
