package io.revkv.operator.execute;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.member.MemberClient;
import io.revkv.operator.member.MemberTls;
import io.revkv.operator.resources.Endpoints;
import io.revkv.operator.v1alpha1.ClientTlsSpec;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Reaches a member at its DNS name through the peer Service ({@code <member>.<cluster>-peer.<ns>.svc:2379}), with
 * TLS from the cluster's Secrets when the spec asks: the CA of the client Secret, and the operator's own
 * certificate when the members demand one.
 */
public final class DnsMemberConnector implements MemberConnector {

    private final KubernetesClient kubernetes;
    private final Duration timeout;

    public DnsMemberConnector(KubernetesClient kubernetes, Duration timeout) {
        this.kubernetes = kubernetes;
        this.timeout = timeout;
    }

    @Override
    public MemberClient connect(KVCluster kvc, String member) {
        Endpoints endpoints = new Endpoints(kvc);
        return MemberClient.connect(endpoints.host(member), Endpoints.CLIENT_PORT, tls(kvc), timeout);
    }

    private Optional<MemberTls> tls(KVCluster kvc) {
        if (kvc.getSpec().getTls() == null || kvc.getSpec().getTls().getClient() == null) {
            return Optional.empty();
        }
        ClientTlsSpec client = kvc.getSpec().getTls().getClient();
        String namespace = kvc.getMetadata().getNamespace();
        byte[] ca = key(secret(namespace, client.getSecretName()), "ca.crt");
        if (!Boolean.TRUE.equals(client.getClientCertAuth())) {
            return Optional.of(MemberTls.trusting(ca));
        }
        Secret own = secret(namespace, client.getOperatorSecretName());
        return Optional.of(new MemberTls(ca, key(own, "tls.crt"), key(own, "tls.key")));
    }

    private Secret secret(String namespace, String name) {
        Secret secret = kubernetes.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException("Secret " + namespace + "/" + name + " does not exist");
        }
        return secret;
    }

    private static byte[] key(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        if (value == null) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getName() + " has no " + key);
        }
        return Base64.getDecoder().decode(value);
    }
}
