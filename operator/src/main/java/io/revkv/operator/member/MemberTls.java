package io.revkv.operator.member;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How the operator reaches a TLS client port: the CA it trusts (a Secret's ca.crt) and, when the members demand
 * client certificates, the certificate and key it presents (tls.crt, tls.key), all PEM.
 */
public record MemberTls(byte[] caPem, byte[] certPem, byte[] keyPem) {

    public static MemberTls trusting(byte[] caPem) {
        return new MemberTls(caPem, null, null);
    }

    ChannelCredentials credentials() {
        try {
            TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder()
                    .trustManager(new ByteArrayInputStream(caPem));
            if (certPem != null) {
                builder.keyManager(new ByteArrayInputStream(certPem), new ByteArrayInputStream(keyPem));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable PEM in the member TLS material", e);
        }
    }
}
