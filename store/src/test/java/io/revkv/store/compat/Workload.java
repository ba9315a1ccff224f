package io.revkv.store.compat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.ResponseHeader;
import io.revkv.testing.Outcome;
import java.util.Random;

/**
 * A seeded random stream of etcd KV requests over {@link KeySpace}: the same seed always gives the same requests,
 * provided {@link #observe} is fed the same answers (the generator learns the current and compact revision from
 * them, so revisions in later requests are meaningful).
 *
 * <p>Mix (per mille): Put 330, Range 300, DeleteRange 90, Txn 230, Compact 25, HashKV 25 (only while
 * {@link Revisions#hashable()}; otherwise a Range). See {@link Requests} and {@link TxnGenerator} for the shapes,
 * {@link Revisions} for the revision choices.
 */
public final class Workload {

    private final long seed;
    private final Random random;
    private final Revisions revisions = new Revisions();
    private final Requests requests;
    private final TxnGenerator txns;

    public Workload(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.requests = new Requests(random, revisions);
        this.txns = new TxnGenerator(random, revisions, requests);
    }

    public long seed() {
        return seed;
    }

    public long currentRevision() {
        return revisions.current();
    }

    /** The compact revision, −1 before the first compaction. */
    public long compactRevision() {
        return revisions.compact();
    }

    /** Whether a HashKV answer is deterministic right now (see {@link Revisions#hashable()}). */
    public boolean hashable() {
        return revisions.hashable();
    }

    /** The next request. */
    public Message next() {
        int p = random.nextInt(1000);
        if (p < 330) {
            return requests.put();
        } else if (p < 630) {
            return requests.range();
        } else if (p < 720) {
            return requests.delete();
        } else if (p < 950) {
            return txns.txn();
        } else if (p < 975) {
            return CompactionRequest.newBuilder().setRevision(revisions.compactTarget(random))
                    .setPhysical(random.nextInt(100) < 40).build();
        } else if (revisions.hashable()) {
            return HashKVRequest.newBuilder().setRevision(revisions.hash(random)).build();
        }
        return requests.range();
    }

    /** Learns from the reference server's answer to {@code request}: current revision and compactions. */
    public void observe(Message request, Outcome reference) {
        if (!reference.isOk()) {
            return;
        }
        revisions.observeHeaderRevision(headerRevision(reference.response()));
        if (request instanceof CompactionRequest compaction) {
            revisions.observeCompaction(compaction.getRevision(), compaction.getPhysical());
        }
    }

    private static long headerRevision(Message response) {
        FieldDescriptor header = response.getDescriptorForType().findFieldByName("header");
        if (header == null || !response.hasField(header)) {
            return 0;
        }
        return ((ResponseHeader) response.getField(header)).getRevision();
    }
}
