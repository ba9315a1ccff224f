package io.revkv.store.backend;

import java.nio.charset.StandardCharsets;

/**
 * A column family, named after the etcd bbolt bucket it mirrors, so that the on-disk layout reads like etcd's.
 * Add a constant only when some code reads or stores data in it.
 */
public enum Bucket {
    /** Revision key (17 bytes, 18 for a tombstone) to a marshalled {@code mvccpb.KeyValue}. */
    KEY("key"),
    /** Store-wide bookkeeping: consistent index, scheduled and finished compaction revisions. */
    META("meta"),
    /** Lease ID (8 bytes, big-endian) to a marshalled {@code leasepb.Lease}. */
    LEASE("lease"),
    /** A marshalled {@code etcdserverpb.AlarmMember} per active alarm, with an empty value. */
    ALARM("alarm"),
    /** Member ID (8 bytes, big-endian) to a marshalled {@code etcdserverpb.Member}: the cluster's membership. */
    MEMBERS("members"),
    /** The ID (8 bytes, big-endian) of every member ever removed, with an empty value: an ID is never reused. */
    MEMBERS_REMOVED("members_removed"),
    /** Cluster-wide facts: the cluster ID under {@code clusterID}. */
    CLUSTER("cluster");

    private final String bucketName;

    Bucket(String bucketName) {
        this.bucketName = bucketName;
    }

    /** etcd's bucket name, which is also the column family name. */
    public String bucketName() {
        return bucketName;
    }

    byte[] nameBytes() {
        return bucketName.getBytes(StandardCharsets.UTF_8);
    }
}
