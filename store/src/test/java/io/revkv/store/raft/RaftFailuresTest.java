package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * What a client gets for a failure of Raft: etcd's Unavailable errors, which etcd clients retry, never an Unknown
 * carrying a transport's text.
 */
class RaftFailuresTest {

    private static final RaftGroupMemberId MEMBER = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("m1"),
            RaftGroupId.randomId());

    @Test
    void aLeaderThatCouldNotBeReachedIsARequestThatTimedOut() {
        // The failure a follower met when its leader was killed: Unknown "UNAVAILABLE: io exception" before.
        var raw = Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
        assertThat(etcdErrorOf(new CompletionException(raw))).isEqualTo(EtcdError.TIMEOUT);
        assertThat(etcdErrorOf(new IOException(raw))).isEqualTo(EtcdError.TIMEOUT);
        assertThat(etcdErrorOf(new AlreadyClosedException("stream completed but no reply")))
                .isEqualTo(EtcdError.TIMEOUT);
        assertThat(EtcdError.toStatus(RaftFailures.toEtcd(new CompletionException(raw))).getStatus())
                .satisfies(status -> {
                    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
                    assertThat(status.getDescription()).isEqualTo("etcdserver: request timed out");
                });
    }

    @Test
    void ratisOwnAnswersKeepTheirEtcdErrors() {
        assertThat(etcdErrorOf(new TimeoutIOException("deadline"))).isEqualTo(EtcdError.TIMEOUT);
        assertThat(etcdErrorOf(new NotLeaderException(MEMBER, null, List.of()))).isEqualTo(EtcdError.LEADER_CHANGED);
        assertThat(etcdErrorOf(new ReadIndexException("no leader"))).isEqualTo(EtcdError.NO_LEADER);
    }

    @Test
    void aStateMachineFailureIsNotDisguisedAsATimeout() {
        assertThat(RaftFailures.toEtcd(new StateMachineException("apply failed"))).isNotInstanceOf(EtcdException.class);
        assertThat(RaftFailures.toEtcd(new IllegalArgumentException("bug"))).isNotInstanceOf(EtcdException.class);
    }

    private static EtcdError etcdErrorOf(Throwable failure) {
        RuntimeException mapped = RaftFailures.toEtcd(failure);
        assertThat(mapped).isInstanceOf(EtcdException.class);
        return ((EtcdException) mapped).error();
    }
}
