package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.ratis.client.retry.ClientRetryEvent;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * A follower forwards proposals through a Ratis client, and the leader's retry cache answers a retried call instead
 * of applying it twice, for {@link RaftMember#RETRY_CACHE_EXPIRY}: the client must not retry a write after that.
 */
class ClientRetriesTest {

    private static final RaftClientRequest WRITE = RaftClientRequest.newBuilder()
            .setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("leader"))
            .setGroupId(RaftGroupId.randomId()).setCallId(1).setMessage(Message.EMPTY)
            .setType(RaftClientRequest.writeRequestType()).build();

    @Test
    void aWriteIsRetriedWhileItsProposerWaits() {
        assertThat(afterMillis(RaftSettings.REQUEST_TIMEOUT.toMillis() / 2).shouldRetry()).isTrue();
    }

    @Test
    void aWriteIsNotRetriedOnceItsProposerGaveUp() {
        assertThat(afterMillis(RaftSettings.REQUEST_TIMEOUT.toMillis() + 100).shouldRetry()).isFalse();
    }

    @Test
    void theRetryCacheOutlivesTheLastRetry() {
        assertThat(RaftSettings.RETRY_CACHE_EXPIRY).isGreaterThan(RaftSettings.REQUEST_TIMEOUT);
    }

    private static RetryPolicy.Action afterMillis(long elapsed) {
        Timestamp firstAttempt = Timestamp.currentTime().addTimeMs(-elapsed);
        return Proposer.clientRetries().handleAttemptFailure(
                new ClientRetryEvent(3, WRITE, 1, new IOException("leader unreachable"), firstAttempt));
    }
}
