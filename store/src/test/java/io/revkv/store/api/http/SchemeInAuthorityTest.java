package io.revkv.store.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The authorities etcd 3.4's clients send, and what Vert.x is given instead. */
class SchemeInAuthorityTest {

    @Test
    void aUrlLosesItsScheme() {
        assertThat(SchemeInAuthority.withoutScheme("http://127.0.0.1:2379")).hasToString("127.0.0.1:2379");
        assertThat(SchemeInAuthority.withoutScheme("https://m1.revkv.svc:2379")).hasToString("m1.revkv.svc:2379");
        assertThat(SchemeInAuthority.withoutScheme("http://[::1]:2379")).hasToString("[::1]:2379");
    }

    @Test
    void aHostAndPortStaysAsItIs() {
        assertThat(SchemeInAuthority.withoutScheme("127.0.0.1:2379")).hasToString("127.0.0.1:2379");
        assertThat(SchemeInAuthority.withoutScheme("localhost")).hasToString("localhost");
    }
}
