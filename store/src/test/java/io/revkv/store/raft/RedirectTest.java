package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** Which answers send a write's call to the leader again, and which are the write's outcome. */
class RedirectTest {

    private static final RaftGroupMemberId MEMBER = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("m1"),
            RaftGroupId.randomId());
    private static final RaftClientRequest WRITE = RaftClientRequest.newBuilder()
            .setClientId(ClientId.randomId()).setServerId(MEMBER.getPeerId()).setGroupId(MEMBER.getGroupId())
            .setCallId(1).setMessage(Message.EMPTY).setType(RaftClientRequest.writeRequestType()).build();

    @Test
    void aMemberThatDoesNotLeadOrNotYetRedirects() {
        assertThat(Redirect.of(failed(new NotLeaderException(MEMBER, null, java.util.List.of())))).isTrue();
        assertThat(Redirect.of(failed(new LeaderNotReadyException(MEMBER)))).isTrue();
        assertThat(Redirect.of(failed(new LeaderSteppingDownException("m1 is stepping down")))).isTrue();
    }

    @Test
    void aMemberNotReachedOrNotAnsweringInTimeRedirects() {
        assertThat(Redirect.of(new IOException("UNAVAILABLE: io exception"))).isTrue();
        assertThat(Redirect.of(new TimeoutIOException("deadline exceeded"))).isTrue();
        assertThat(Redirect.of(new AlreadyClosedException("stream closed"))).isTrue();
    }

    @Test
    void aBrokenConnectionToTheLeaderRedirectsHoweverRatisWrapsIt() {
        // What a follower's server hands on when the leader it asks for a read index was killed.
        StatusRuntimeException raw = Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
        assertThat(Redirect.of(new CompletionException(raw))).isTrue();
        assertThat(Redirect.of(new ExecutionException(raw))).isTrue();
        assertThat(Redirect.unreachable(new CompletionException(raw))).isTrue();
        assertThat(Redirect.unreachable(new IOException(raw))).isTrue();
        assertThat(Redirect.unreachable(new AlreadyClosedException("stream completed but no reply"))).isTrue();
    }

    @Test
    void whatAMemberAnsweredIsNotAnUnreachableMember() {
        assertThat(Redirect.unreachable(new NotLeaderException(MEMBER, null, java.util.List.of()))).isFalse();
        assertThat(Redirect.unreachable(new StateMachineException("apply failed"))).isFalse();
        assertThat(Redirect.unreachable(new GroupMismatchException("not in this group"))).isFalse();
        assertThat(Redirect.unreachable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theStateMachinesAnswerAndAnotherGroupAreFinal() {
        assertThat(Redirect.of(failed(new StateMachineException("apply failed")))).isFalse();
        assertThat(Redirect.of(new GroupMismatchException("not in this group"))).isFalse();
        assertThat(Redirect.of(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aSuccessIsTheOutcome() {
        assertThat(Redirect.of(RaftClientReply.newBuilder().setRequest(WRITE).setSuccess()
                .setMessage(Message.EMPTY).build())).isFalse();
    }

    @Test
    void theRetryCacheOutlivesTheLastTimeAWriteIsSent() {
        assertThat(RaftSettings.RETRY_CACHE_EXPIRY).isGreaterThan(RaftSettings.REQUEST_TIMEOUT);
    }

    private static RaftClientReply failed(RaftException e) {
        return RaftClientReply.newBuilder().setRequest(WRITE).setException(e).build();
    }
}
