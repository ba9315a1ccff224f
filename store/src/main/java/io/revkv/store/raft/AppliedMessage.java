package io.revkv.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.revkvpb.InternalBatchResponse;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * What applying an entry produced, as Ratis' reply message. A proposal the leader submitted in-process takes this
 * very object back, so the response is serialized only when a reply leaves the process (to a follower's client).
 *
 * <p>Ratis keeps every reply in its retry cache for a minute. Holding the response objects that long would make every
 * write's response survive young collections and be copied into the old generation; so the message lets go of them
 * once they are taken in-process (an in-process call is never retried) or serialized (the bytes are one array).
 */
final class AppliedMessage implements Message {

    private InternalBatchResponse response;
    private ByteString content;

    AppliedMessage(InternalBatchResponse response) {
        this.response = response;
    }

    @Override
    public synchronized ByteString getContent() {
        if (content == null) {
            if (response == null) {
                throw new IllegalStateException("the reply was already handed to its in-process caller");
            }
            content = UnsafeByteOperations.unsafeWrap(response.toByteArray());
            response = null;
        }
        return content;
    }

    private synchronized InternalBatchResponse take() {
        InternalBatchResponse taken = response;
        response = null;
        return taken;
    }

    /** The response in a reply, whether it stayed in the process or crossed the network. */
    static InternalBatchResponse responseOf(Message message) {
        if (message instanceof AppliedMessage applied) {
            InternalBatchResponse taken = applied.take();
            if (taken != null) {
                return taken;
            }
        }
        try {
            return InternalBatchResponse.parseFrom(message.getContent().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt reply", e);
        }
    }
}
