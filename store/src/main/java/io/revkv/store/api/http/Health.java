package io.revkv.store.api.http;

/**
 * etcd 3.5's {@code /health} answer, {@code {"health":"true","reason":""}} or e.g.
 * {@code {"health":"false","reason":"RAFT NO LEADER"}} (etcd 3.4 sent only the {@code health} field).
 *
 * @param healthy whether every step passed
 * @param reason  what failed first: {@code ALARM NOSPACE}, {@code ALARM CORRUPT}, {@code ALARM UNKNOWN},
 *                {@code RAFT NO LEADER} or {@code RANGE ERROR:<error>}; empty when healthy
 */
record Health(boolean healthy, String reason) {

    static final Health HEALTHY = new Health(true, "");

    static Health failed(String reason) {
        return new Health(false, reason);
    }

    /** The JSON body, as Go's encoding/json writes the struct: fields in order, no spaces, Go's string escapes. */
    String json() {
        return "{\"health\":\"" + healthy + "\",\"reason\":" + GoJson.string(reason) + "}";
    }
}
