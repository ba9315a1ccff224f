package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalResponse;
import io.revkv.store.errors.EtcdError;
import io.revkv.store.errors.EtcdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An error raised by the applier on the leader crosses the Raft reply as bytes and is thrown again on the member that
 * proposed it: the same table entry, so the client gets the same code and message from any member.
 */
class ReplicatedErrorsTest {

    @ParameterizedTest
    @EnumSource(EtcdError.class)
    void everyErrorComesBackAsItselfAfterTheReplyIsSerialized(EtcdError error) throws Exception {
        RuntimeException thrown = roundTrip(error.exception());

        assertThat(thrown).isInstanceOf(EtcdException.class);
        assertThat(((EtcdException) thrown).error()).isSameAs(error);
        StatusRuntimeException status = EtcdError.toStatus(thrown);
        assertThat(status.getStatus().getCode()).isEqualTo(error.code());
        assertThat(status.getStatus().getDescription()).isEqualTo(error.message());
    }

    @Test
    void aFailureOutsideTheTableComesBackAsUnknownWithItsMessage() throws Exception {
        RuntimeException thrown = roundTrip(new IllegalArgumentException("unknown replicated request FOO"));

        assertThat(EtcdError.of(thrown)).isEmpty();
        StatusRuntimeException status = EtcdError.toStatus(thrown);
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(status.getStatus().getDescription()).isEqualTo("unknown replicated request FOO");
    }

    @Test
    void anErrorNameThisVersionDoesNotKnowComesBackAsUnknownWithItsMessage() {
        var fromNewerMember = ReplicatedErrors.encode(EtcdError.LEADER_CHANGED.exception()).toBuilder()
                .setKind("SOME_LATER_ERROR").setMessage("etcdserver: some later error").build();

        RuntimeException thrown = ReplicatedErrors.decode(fromNewerMember);

        assertThat(EtcdError.of(thrown)).isEmpty();
        assertThat(thrown).hasMessage("etcdserver: some later error");
    }

    /** Encodes as the state machine does, through the bytes of a batch reply, and decodes as the proposer does. */
    private static RuntimeException roundTrip(RuntimeException e) throws InvalidProtocolBufferException {
        byte[] wire = InternalBatchResponse.newBuilder()
                .addResponses(InternalResponse.newBuilder().setError(ReplicatedErrors.encode(e)))
                .build().toByteArray();
        InternalResponse received = InternalBatchResponse.parseFrom(wire).getResponses(0);
        assertThat(received.hasError()).isTrue();
        return ReplicatedErrors.decode(received.getError());
    }
}
