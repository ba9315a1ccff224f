package io.revkv.store.raft;

import java.io.IOException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/**
 * Which answers to a write mean "send the same call to the leader again": the member asked does not lead (or no
 * longer, or not yet), or it could not be reached or did not answer in time. Safe only because the call is the same
 * ({@link LeaderSubmission}); what the state machine answered, or a call to another group, is final.
 */
final class Redirect {

    private Redirect() {
    }

    static boolean of(RaftClientReply reply) {
        return !reply.isSuccess() && of(reply.getException());
    }

    static boolean of(Throwable failure) {
        if (failure instanceof NotLeaderException || failure instanceof LeaderNotReadyException
                || failure instanceof LeaderSteppingDownException || failure instanceof ServerNotReadyException) {
            return true;
        }
        return failure instanceof IOException
                && !(failure instanceof StateMachineException || failure instanceof GroupMismatchException);
    }
}
