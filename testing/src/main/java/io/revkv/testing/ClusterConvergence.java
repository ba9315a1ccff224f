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
import io.grpc.stub.StreamObserver;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.proto.mvccpb.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Asserts that no write was applied twice on {@code member}: under {@code keyPrefix} every write puts a value
     * never written before ({@link RegisterWorkload}), so a value put by two revisions is one write applied twice, as
     * when a write is sent again after a leader change and appended a second time. Reads the history through a
     * watch from revision 1, so nothing may be compacted.
     */
    public static void assertNoWriteAppliedTwice(ServerProcess member, String keyPrefix) {
        Map<String, List<Long>> revisionsByWrite = new LinkedHashMap<>();
        for (Event event : history(member, keyPrefix)) {
            if (event.getType() == Event.EventType.PUT) {
                revisionsByWrite.computeIfAbsent(event.getKv().getKey().toStringUtf8() + "="
                        + event.getKv().getValue().toStringUtf8(), k -> new ArrayList<>())
                        .add(event.getKv().getModRevision());
            }
        }
        Map<String, List<Long>> twice = new LinkedHashMap<>();
        revisionsByWrite.forEach((write, revisions) -> {
            if (revisions.size() > 1) {
                twice.put(write, revisions);
            }
        });
        if (!twice.isEmpty()) {
            throw new AssertionError(twice.size() + " write(s) applied more than once on " + member.name()
                    + " (write -> revisions): " + twice);
        }
    }

    /**
     * The events under {@code keyPrefix} from revision 1 through the last write under it (its keys' greatest
     * mod_revision: the workload deletes none), from a watch.
     */
    private static List<Event> history(ServerProcess member, String keyPrefix) {
        ByteString prefix = ByteString.copyFromUtf8(keyPrefix);
        RangeResponse latest = KVGrpc.newBlockingStub(member.channel())
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .range(RangeRequest.newBuilder().setKey(prefix).setRangeEnd(prefixEnd(prefix)).setSerializable(true)
                        .setSortTarget(RangeRequest.SortTarget.MOD).setSortOrder(RangeRequest.SortOrder.DESCEND)
                        .setLimit(1).setKeysOnly(true).build());
        if (latest.getKvsCount() == 0) {
            return List.of();
        }
        long last = latest.getKvs(0).getModRevision();
        List<Event> events = new ArrayList<>();
        CompletableFuture<List<Event>> done = new CompletableFuture<>();
        StreamObserver<WatchRequest> requests = WatchGrpc.newStub(member.channel()).watch(
                new StreamObserver<>() {
                    @Override
                    public void onNext(WatchResponse response) {
                        if (response.getCompactRevision() > 0) {
                            done.completeExceptionally(new AssertionError(member.name()
                                    + " compacted its history at " + response.getCompactRevision()));
                            return;
                        }
                        events.addAll(response.getEventsList());
                        if (!events.isEmpty() && events.get(events.size() - 1).getKv().getModRevision() >= last) {
                            done.complete(events);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.completeExceptionally(new AssertionError("the watch ended before revision " + last));
                    }
                });
        requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                .setKey(prefix).setRangeEnd(prefixEnd(prefix)).setStartRevision(1)).build());
        try {
            return done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the history of " + member.name() + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new AssertionError("the history of " + member.name() + " up to revision " + last
                    + " did not arrive within " + DEADLINE + " (" + events.size() + " events)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            requests.onCompleted();
        }
    }

    /** etcd's prefix range end: the prefix with its last byte incremented. */
    private static ByteString prefixEnd(ByteString prefix) {
        byte[] end = prefix.toByteArray();
        end[end.length - 1]++;
        return ByteString.copyFrom(end);
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
