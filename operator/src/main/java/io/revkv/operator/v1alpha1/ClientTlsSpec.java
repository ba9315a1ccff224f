package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The client port's certificate, from a Secret in the cluster's namespace with tls.crt, tls.key and ca.crt (as
 * cert-manager writes them). With clientCertAuth the members demand a client certificate signed by ca.crt (etcd's
 * --client-cert-auth), so the operator needs one of its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!self.clientCertAuth || has(self.operatorSecretName)",
        message = "tls.client.clientCertAuth needs tls.client.operatorSecretName: the operator must present a client certificate too",
        fieldPath = ".operatorSecretName")
public class ClientTlsSpec {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Names.DNS_SUBDOMAIN)
    @JsonPropertyDescription("The Secret with the members' serving certificate (tls.crt, tls.key) and the CA that "
            + "clients trust (ca.crt). Its names must cover <cluster>-client.<namespace>.svc and each member's "
            + "<member>.<cluster>-peer.<namespace>.svc.")
    private String secretName;

    @Default("false")
    @JsonPropertyDescription("Demand a client certificate signed by the Secret's ca.crt from every client (etcd's "
            + "--client-cert-auth).")
    private Boolean clientCertAuth = false;

    @Size(min = 1, max = 253)
    @Pattern(Names.DNS_SUBDOMAIN)
    @JsonPropertyDescription("The Secret with the client certificate (tls.crt, tls.key) the operator presents to "
            + "the members; required with clientCertAuth.")
    private String operatorSecretName;

    public String getSecretName() { return secretName; }
    public void setSecretName(String secretName) { this.secretName = secretName; }
    public Boolean getClientCertAuth() { return clientCertAuth; }
    public void setClientCertAuth(Boolean clientCertAuth) { this.clientCertAuth = clientCertAuth; }
    public String getOperatorSecretName() { return operatorSecretName; }
    public void setOperatorSecretName(String operatorSecretName) { this.operatorSecretName = operatorSecretName; }
}
