package io.revkv.store.compat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.testing.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two servers' {@link Outcome}s for the same request.
 *
 * <p>Responses are compared with protobuf equality after {@link #normalize}: the member-specific header fields
 * {@code cluster_id}, {@code member_id} and {@code raft_term} are cleared in every {@link ResponseHeader} at any
 * depth (the top-level header and the headers nested in Txn responses). Header <em>presence</em> and every other
 * field, including {@code header.revision}, must be equal. Errors are equal when the gRPC code and the description
 * (etcd's exact message) are.
 */
public final class ResponseComparer {

    private ResponseComparer() {
    }

    /** Empty when equal; otherwise a readable report with both outcomes, normalized. */
    public static Optional<String> diff(Outcome expected, Outcome actual) {
        Outcome a = normalize(expected);
        Outcome b = normalize(actual);
        if (a.code() == b.code() && Objects.equals(a.description(), b.description())
                && Objects.equals(a.response(), b.response())) {
            return Optional.empty();
        }
        return Optional.of("expected (reference):\n" + a + "\nactual (candidate):\n" + b);
    }

    static Outcome normalize(Outcome outcome) {
        return outcome.isOk() ? Outcome.ok(normalize(outcome.response())) : outcome;
    }

    /** A copy of {@code message} with cluster_id, member_id and raft_term cleared in every nested header. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M normalize(M message) {
        Message.Builder b = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.isRepeated()) {
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    b.setRepeatedField(field, i, normalize((Message) message.getRepeatedField(field, i)));
                }
            } else if (message.hasField(field)) {
                b.setField(field, normalize((Message) message.getField(field)));
            }
        }
        if (b instanceof ResponseHeader.Builder header) {
            header.clearClusterId().clearMemberId().clearRaftTerm();
        }
        return (M) b.build();
    }
}
