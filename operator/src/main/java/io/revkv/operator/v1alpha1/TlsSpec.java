package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS on the two ports of a member. Each side is independent; an absent side is plain text. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @JsonPropertyDescription("TLS on the client port (2379), which clients and the operator use.")
    private ClientTlsSpec client;

    @JsonPropertyDescription("Mutual TLS on the peer port (2380), between members.")
    private PeerTlsSpec peer;

    public ClientTlsSpec getClient() { return client; }
    public void setClient(ClientTlsSpec client) { this.client = client; }
    public PeerTlsSpec getPeer() { return peer; }
    public void setPeer(PeerTlsSpec peer) { this.peer = peer; }
}
