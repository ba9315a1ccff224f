package io.revkv.store.corrupt;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * How a member dials another member's client URL: plaintext for http; for https TLS that trusts
 * {@code --trusted-ca-file} (the system's CAs without it) and presents {@code --cert-file}/{@code --key-file}, so that
 * a peer with {@code --client-cert-auth} accepts it, as etcd's gRPC gateway presents them to its own client port.
 */
public record ClientCredentials(Optional<String> certFile, Optional<String> keyFile, Optional<String> trustedCaFile) {

    /** Credentials for {@code scheme} ({@code http} or {@code https}). */
    ChannelCredentials forScheme(String scheme) {
        if (!"https".equals(scheme)) {
            return InsecureChannelCredentials.create();
        }
        try {
            TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
            if (trustedCaFile.isPresent()) {
                tls.trustManager(new File(trustedCaFile.get()));
            }
            if (certFile.isPresent() && keyFile.isPresent()) {
                tls.keyManager(new File(certFile.get()), new File(keyFile.get()));
            }
            return tls.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client TLS files to dial other members", e);
        }
    }
}
