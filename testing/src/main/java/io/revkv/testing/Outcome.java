package io.revkv.testing;

import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/**
 * What one server answered to one request: either a response message or a gRPC error (code + description).
 *
 * @param response    the response, or {@code null} for an error
 * @param code        {@link Status.Code#OK} for a response, otherwise the error's code
 * @param description the error's description (etcd's exact message, e.g. "etcdserver: key is not provided"),
 *                    {@code null} for a response
 */
public record Outcome(Message response, Status.Code code, String description) {

    public Outcome {
        Objects.requireNonNull(code, "code");
        if ((response == null) == (code == Status.Code.OK)) {
            throw new IllegalArgumentException("exactly one of response and error: " + response + " / " + code);
        }
    }

    public static Outcome ok(Message response) {
        return new Outcome(Objects.requireNonNull(response, "response"), Status.Code.OK, null);
    }

    public static Outcome error(Status.Code code, String description) {
        return new Outcome(null, code, description);
    }

    public static Outcome of(StatusRuntimeException e) {
        return error(e.getStatus().getCode(), e.getStatus().getDescription());
    }

    public boolean isOk() {
        return code == Status.Code.OK;
    }

    /** Short label for statistics: "OK" or "CODE: description". */
    public String label() {
        return isOk() ? "OK" : code + ": " + description;
    }

    @Override
    public String toString() {
        return isOk() ? Protos.text(response) : "error " + code + " \"" + description + "\"";
    }
}
