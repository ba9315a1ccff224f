package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Mutual TLS between members (etcd's --peer-cert-file, --peer-key-file, --peer-trusted-ca-file). */
public class PeerTlsSpec {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Names.DNS_SUBDOMAIN)
    @JsonPropertyDescription("The Secret with the peer certificate (tls.crt, tls.key), used both to serve and as a "
            + "client, and the CA that signs every member's (ca.crt). Its names must cover each member's "
            + "<member>.<cluster>-peer.<namespace>.svc.")
    private String secretName;

    public String getSecretName() { return secretName; }
    public void setSecretName(String secretName) { this.secretName = secretName; }
}
