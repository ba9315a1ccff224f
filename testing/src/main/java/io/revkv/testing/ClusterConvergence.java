package io.revkv.testing;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.proto.mvccpb.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every member of a cluster must agree on once writes stopped: the same revision, every acknowledged write in
 * its history, and the same HashKV at that revision. Members are read with serializable requests, so each answers
 * from its own state.
 */
public final class ClusterConvergence {

    /** etcd's default {@code --max-txn-ops}: the reads of one checking transaction. */
    private static final int READS_PER_TXN = 128;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ByteString ANY_KEY = ByteString.copyFromUtf8("convergence-probe");

    private ClusterConvergence() {
    }

    /**
     * Waits until every member reports the same current revision (serializable reads) and it stayed so for a
     * moment; returns it. Call once nothing writes any more.
     */
    public static long awaitSameRevision(List<ServerProcess> members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> last = new LinkedHashMap<>();
        long agreed = -1;
        while (System.nanoTime() < deadline) {
            last.clear();
            for (ServerProcess member : members) {
                last.put(member.name(), revisionOrError(member));
            }
            long first = last.values().iterator().next() instanceof Long r ? r : -1;
            boolean same = first >= 0 && last.values().stream().allMatch(v -> v.equals(first));
            if (same && agreed == first) {
                return first;
            }
            agreed = same ? first : -1;
            sleep(200);
        }
        throw new AssertionError("members did not reach the same revision within " + timeout + ": " + last);
    }

    /**
     * Asserts that every member holds each acknowledged write at its revision: a serializable range of the key at
     * that revision answers the value with that mod_revision. Reads are batched in read-only transactions.
     */
    public static void assertAcknowledgedWritesPresent(List<ServerProcess> members, List<AcknowledgedWrite> writes) {
        List<String> missing = new ArrayList<>();
        for (ServerProcess member : members) {
            for (int from = 0; from < writes.size(); from += READS_PER_TXN) {
                List<AcknowledgedWrite> batch = writes.subList(from, Math.min(writes.size(), from + READS_PER_TXN));
                TxnResponse answer = readAtRevisions(member, batch);
                for (int i = 0; i < batch.size(); i++) {
                    String problem = mismatch(batch.get(i), answer.getResponses(i).getResponseRange());
                    if (problem != null) {
                        missing.add(member.name() + ": " + problem);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " acknowledged write(s) missing of " + writes.size()
                    + " on " + members.size() + " members, e.g. " + missing.subList(0, Math.min(20, missing.size())));
        }
    }

    /** Asserts that every member answers the same HashKV (hash and hash revision) at {@code revision}. */
    public static void assertSameHashKv(List<ServerProcess> members, long revision) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (ServerProcess member : members) {
            HashKVResponse h = MaintenanceGrpc.newBlockingStub(member.channel())
                    .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .hashKV(HashKVRequest.newBuilder().setRevision(revision).build());
            hashes.put(member.name(), "hash " + Integer.toUnsignedString(h.getHash()) + " at "
                    + h.getHashRevision() + " (compacted " + h.getCompactRevision() + ")");
        }
        if (hashes.values().stream().distinct().count() != 1) {
            throw new AssertionError("HashKV at revision " + revision + " differs between members: " + hashes);
        }
    }

    /** The three checks in order: same revision, every acknowledged write everywhere, same HashKV. */
    public static long assertConverged(List<ServerProcess> members, List<AcknowledgedWrite> writes,
            Duration catchUp) {
        long revision = awaitSameRevision(members, catchUp);
        assertAcknowledgedWritesPresent(members, writes);
        assertSameHashKv(members, revision);
        return revision;
    }

    private static TxnResponse readAtRevisions(ServerProcess member, List<AcknowledgedWrite> batch) {
        TxnRequest.Builder txn = TxnRequest.newBuilder();
        for (AcknowledgedWrite w : batch) {
            txn.addSuccess(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8(w.key())).setRevision(w.revision()).setSerializable(true)));
        }
        return KVGrpc.newBlockingStub(member.channel()).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .txn(txn.build());
    }

    private static String mismatch(AcknowledgedWrite write, RangeResponse range) {
        if (range.getKvsCount() == 0) {
            return write + " absent";
        }
        KeyValue kv = range.getKvs(0);
        if (kv.getModRevision() != write.revision() || !kv.getValue().toStringUtf8().equals(write.value())) {
            return write + " reads " + kv.getValue().toStringUtf8() + " at mod_revision " + kv.getModRevision();
        }
        return null;
    }

    private static Object revisionOrError(ServerProcess member) {
        try {
            RangeResponse r = KVGrpc.newBlockingStub(member.channel())
                    .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .range(RangeRequest.newBuilder().setKey(ANY_KEY).setSerializable(true).build());
            return r.getHeader().getRevision();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().toString();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
