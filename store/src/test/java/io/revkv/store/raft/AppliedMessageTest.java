package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import io.revkv.proto.revkvpb.InternalResponse;
import org.apache.ratis.protocol.Message;
import org.junit.jupiter.api.Test;

class AppliedMessageTest {
    private static final InternalBatchResponse RESPONSE = InternalBatchResponse.newBuilder()
            .addResponses(InternalResponse.newBuilder().setPut(PutResponse.getDefaultInstance()))
            .build();

    @Test
    void anInProcessCallerTakesTheResponseAndTheMessageLetsGoOfIt() {
        AppliedMessage message = new AppliedMessage(RESPONSE);

        assertThat(AppliedMessage.responseOf(message)).isSameAs(RESPONSE);
        assertThatThrownBy(message::getContent).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already handed");
    }

    @Test
    void aSerializedReplyKeepsItsBytesForRetriesAndParsesBack() {
        AppliedMessage message = new AppliedMessage(RESPONSE);

        byte[] sent = message.getContent().toByteArray();

        assertThat(message.getContent().toByteArray()).isEqualTo(sent);
        assertThat(AppliedMessage.responseOf(message)).isEqualTo(RESPONSE);
        assertThat(AppliedMessage.responseOf(Message.valueOf(message.getContent()))).isEqualTo(RESPONSE);
    }
}
