package io.revkv.operator;

/** The labels the operator puts on what it owns, and selects its members by (users may not set these). */
public final class Labels {

    /** The KVCluster a Pod or volume belongs to. */
    public static final String CLUSTER = "revkv.io/cluster";
    /** The member a Pod or volume is. */
    public static final String MEMBER = "revkv.io/member";

    private Labels() {
    }

    /** The label selector of a cluster's member Pods, as the /scale subresource publishes it. */
    public static String selector(String cluster) {
        return CLUSTER + "=" + cluster;
    }
}
