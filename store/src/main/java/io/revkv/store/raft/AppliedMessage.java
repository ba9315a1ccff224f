package io.revkv.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * What applying an entry produced, as Ratis' reply message. A proposal the leader submitted in-process gets this very
 * object back, so the response is serialized only when a reply leaves the process (to a follower's client).
 */
final class AppliedMessage implements Message {

    private final InternalBatchResponse response;
    private volatile ByteString content;

    AppliedMessage(InternalBatchResponse response) {
        this.response = response;
    }

    @Override
    public ByteString getContent() {
        ByteString serialized = content;
        if (serialized == null) {
            serialized = UnsafeByteOperations.unsafeWrap(response.toByteArray());
            content = serialized;
        }
        return serialized;
    }

    /** The response in a reply, whether it stayed in the process or crossed the network. */
    static InternalBatchResponse responseOf(Message message) {
        if (message instanceof AppliedMessage applied) {
            return applied.response;
        }
        try {
            return InternalBatchResponse.parseFrom(message.getContent().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt reply", e);
        }
    }
}
