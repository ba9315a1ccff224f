package io.revkv.store.membership;

import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.etcdserverpb.Member;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.Batch;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The members of the cluster, as applied from the log (etcd's {@code RaftCluster} over its {@code members} and
 * {@code members_removed} buckets), and the cluster ID.
 *
 * <p>Threading: one writer (the applier, or the bootstrap before Raft starts) and any number of readers. Every change
 * is written to the backend before it becomes visible in memory, and re-applying a change after a crash leaves the
 * same state: writes replace whole records.
 */
public final class MemberStore {

    private static final byte[] CLUSTER_ID_KEY = "clusterID".getBytes(StandardCharsets.UTF_8);

    private final Backend backend;
    /** By unsigned ID: the order MemberList answers in. */
    private final ConcurrentSkipListMap<Long, Member> members = new ConcurrentSkipListMap<>(Long::compareUnsigned);
    private final Set<Long> removed = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long clusterId;

    private MemberStore(Backend backend) {
        this.backend = backend;
    }

    /** The membership persisted in {@code backend}: empty for a member that has never joined a cluster. */
    public static MemberStore open(Backend backend) {
        MemberStore store = new MemberStore(backend);
        store.reload();
        return store;
    }

    /** Reads the buckets again, after the backend was replaced (a snapshot installed); tells the listeners. */
    public void reload() {
        try (ReadSnapshot snapshot = backend.snapshot()) {
            members.clear();
            removed.clear();
            snapshot.forEach(Bucket.MEMBERS, null, null, entry -> {
                Member member = parse(entry.value());
                members.put(member.getID(), member);
            });
            snapshot.forEach(Bucket.MEMBERS_REMOVED, null, null, entry -> removed.add(id(entry.key())));
            byte[] cluster = snapshot.get(Bucket.CLUSTER, CLUSTER_ID_KEY);
            clusterId = cluster == null ? 0 : id(cluster);
        }
        changed();
    }

    /**
     * Forgets the membership kept in {@code backend}, durably: a restored snapshot forms a new cluster, of the members
     * its {@code --initial-cluster} names (as etcd's {@code snapshot restore} rewrites the membership). Call with no
     * store open on {@code backend}.
     */
    public static void forget(Backend backend) {
        try (ReadSnapshot snapshot = backend.snapshot(); Batch batch = backend.batch()) {
            for (Bucket bucket : List.of(Bucket.MEMBERS, Bucket.MEMBERS_REMOVED, Bucket.CLUSTER)) {
                snapshot.forEach(bucket, null, null, entry -> batch.delete(bucket, entry.key()));
            }
            batch.commit();
        }
        backend.flush();
    }

    /** Calls {@code listener} after every change. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Records a bootstrap membership: the cluster ID and the members that formed it (or that a joining member
     * learned from the cluster), and makes it durable at once, since no log entry would bring it back.
     */
    public void bootstrap(long clusterId, Collection<Member> initial) {
        try (Batch batch = backend.batch()) {
            batch.put(Bucket.CLUSTER, CLUSTER_ID_KEY, bytes(clusterId));
            initial.forEach(member -> batch.put(Bucket.MEMBERS, bytes(member.getID()), member.toByteArray()));
            batch.commit();
        }
        backend.flush();
        this.clusterId = clusterId;
        initial.forEach(member -> members.put(member.getID(), member));
        changed();
    }

    /** Adds or replaces a member's record. */
    public void put(Member member) {
        try (Batch batch = backend.batch()) {
            batch.put(Bucket.MEMBERS, bytes(member.getID()), member.toByteArray()).commit();
        }
        members.put(member.getID(), member);
        changed();
    }

    /** Removes a member for good: its ID is never accepted again. */
    public void remove(long id) {
        try (Batch batch = backend.batch()) {
            batch.delete(Bucket.MEMBERS, bytes(id)).put(Bucket.MEMBERS_REMOVED, bytes(id), new byte[0]).commit();
        }
        members.remove(id);
        removed.add(id);
        changed();
    }

    /** Every member, in ascending unsigned ID order. */
    public List<Member> all() {
        return new ArrayList<>(members.values());
    }

    public Optional<Member> byId(long id) {
        return Optional.ofNullable(members.get(id));
    }

    public boolean isRemoved(long id) {
        return removed.contains(id);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** 0 until the member has bootstrapped or joined a cluster. */
    public long clusterId() {
        return clusterId;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static Member parse(byte[] value) {
        try {
            return Member.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt record in the members bucket", e);
        }
    }

    static byte[] bytes(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    private static long id(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }
}
