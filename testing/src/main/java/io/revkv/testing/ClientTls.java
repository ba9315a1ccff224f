package io.revkv.testing;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * How a test client reaches a server's TLS client port: the CA it trusts, and optionally the certificate and key
 * it presents (both null for a client without a certificate).
 */
public record ClientTls(Path caFile, Path certFile, Path keyFile) {

    /** A client that verifies the server against {@code caFile} and presents no certificate. */
    public static ClientTls anonymous(Path caFile) {
        return new ClientTls(caFile, null, null);
    }

    /** grpc-java credentials for this client. */
    public ChannelCredentials credentials() {
        try {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(caFile.toFile());
            if (certFile != null) {
                b.keyManager(certFile.toFile(), keyFile.toFile());
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client TLS files " + this, e);
        }
    }

    /** etcdctl's flags for this client: {@code --cacert}, and {@code --cert}/{@code --key} when it has them. */
    public String[] etcdctlFlags() {
        return certFile == null ? new String[] {"--cacert", caFile.toString()}
                : new String[] {"--cacert", caFile.toString(), "--cert", certFile.toString(),
                    "--key", keyFile.toString()};
    }
}
