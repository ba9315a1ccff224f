package io.revkv.store.api;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a failed call's {@code grpc-message} trailer in the bytes grpc-go (so etcd) sends.
 *
 * <p>grpc-go escapes only the bytes outside printable ASCII, and {@code %}: etcd's "etcdserver: requested lease not
 * found" goes out as it reads. Quarkus serves gRPC on its Vert.x HTTP server here, and Vert.x's gRPC server
 * URL-encodes the message instead ({@code etcdserver%3A%20requested%20lease%20not%20found}). grpc-java clients
 * decode either, but a client that does not decode the trailer (node's grpc-js hands it on as it came) then sees a
 * text that is not etcd's, and a client that recognises etcd's errors by their text does not recognise it.
 *
 * <p>So the message leaves the status and travels as a trailer written here, escaped as grpc-go escapes it, which
 * Vert.x passes through as it is. With {@code quarkus.grpc.server.use-separate-server=true} grpc-java's own server
 * answers; it already escapes as grpc-go does and would drop a trailer of that name, so nothing is done then.
 */
@GlobalInterceptor
@ApplicationScoped
@Priority(Integer.MAX_VALUE)
public class StatusMessageTrailer implements ServerInterceptor {

    static final Metadata.Key<String> GRPC_MESSAGE = Metadata.Key.of("grpc-message", Metadata.ASCII_STRING_MARSHALLER);

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final boolean vertxServer;

    public StatusMessageTrailer(
            @ConfigProperty(name = "quarkus.grpc.server.use-separate-server", defaultValue = "true") boolean separate) {
        this.vertxServer = !separate;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return vertxServer ? next.startCall(new MessageAsTrailer<>(call), headers) : next.startCall(call, headers);
    }

    /** As grpc-go's {@code encodeGrpcMessage}: UTF-8, then each byte outside {@code ' '..'~'}, and '%', as %XX. */
    static String escape(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length);
        for (byte b : utf8) {
            if (b >= ' ' && b <= '~' && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append((char) HEX[(b >> 4) & 0xF]).append((char) HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static final class MessageAsTrailer<Q, R> extends SimpleForwardingServerCall<Q, R> {

        MessageAsTrailer(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            String message = status.getDescription();
            if (status.isOk() || message == null) {
                super.close(status, trailers);
                return;
            }
            trailers.discardAll(GRPC_MESSAGE);
            trailers.put(GRPC_MESSAGE, escape(message));
            super.close(status.withDescription(null), trailers);
        }
    }
}
