package io.revkv.store.raft;

import io.revkv.store.config.StoreConfig;
import java.io.File;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Peer TLS (etcd's {@code --peer-cert-file}, {@code --peer-key-file}, {@code --peer-trusted-ca-file},
 * {@code --peer-client-cert-auth}) as Ratis' gRPC transport takes it: one {@link GrpcTlsConfig} for every channel
 * of the member, the Raft server it listens with and the clients it opens to the other members (appends, votes,
 * forwarded proposals).
 *
 * <ul>
 *   <li>As a server, a member presents its certificate; with client certificate auth it also demands one signed by
 *       the trusted CA from each connecting member (Ratis' "mutual TLS").</li>
 *   <li>As a client, it verifies the other member's certificate against the trusted CA (the JDK's CAs without one)
 *       and its host against the peer URL, as etcd's transport does; with client certificate auth it presents its
 *       own certificate, which therefore serves both ways, as etcd's peer certificates do.</li>
 * </ul>
 */
public final class PeerTls {

    private PeerTls() {
    }

    /** Ratis' transport parameters for {@code config}: empty (plaintext) unless it names a peer certificate. */
    public static Parameters transport(StoreConfig config) {
        Parameters parameters = new Parameters();
        if (config.peerCertFile().isPresent()) {
            GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(
                    new File(config.peerKeyFile().orElseThrow()),
                    new File(config.peerCertFile().get()),
                    config.peerTrustedCaFile().map(File::new).orElse(null),
                    config.peerClientCertAuth()));
        }
        return parameters;
    }
}
