package io.revkv.store.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The /health body as Go's encoding/json writes etcd's Health struct. */
class HealthTest {

    @Test
    void healthyAndFailingBodies() {
        assertThat(Health.HEALTHY.json()).isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
        assertThat(Health.failed("RAFT NO LEADER").json())
                .isEqualTo("{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}");
    }

    @Test
    void reasonsAreEscapedAsGoEscapesThem() {
        assertThat(GoJson.string("a\"b\\c\nd\te\u0001<f>&\u2028")).isEqualTo(
                "\"a\\\"b\\\\c\\nd\\te\\u0001\\u003cf\\u003e\\u0026\\u2028\"");
    }
}
