package io.revkv.store.compat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.Status;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.Protos;
import io.revkv.testing.ServerProcess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one seeded {@link Workload} against a reference server and a candidate server, sending every request to
 * both (concurrently) and comparing the answers with {@link ResponseComparer} after {@link KnownDifferences}.
 * Stops at the first difference, since the stores diverge after it.
 *
 * <p>After the workload, final checks go through the same path: the whole key space at the current revision, then
 * HashKV at revision 0, at the current revision, at up to four revisions in (compactRev, current], and at exactly
 * compactRev (a named difference between 3.4 and the new behaviour). If a non-physical compaction may still be
 * running, one Put and a physical compaction to compactRev+1 settle the store first (see
 * {@link Revisions#hashable()}).
 */
public final class DifferentialRun implements AutoCloseable {

    private static final int HISTORY = 8;
    /** Codes that mean the server broke (crashed, hung, threw), never an etcd answer to compare. */
    private static final Set<Status.Code> SERVER_FAILURES = EnumSet.of(Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED, Status.Code.INTERNAL, Status.Code.UNKNOWN);

    private final ServerProcess reference;
    private final ServerProcess candidate;
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    public DifferentialRun(ServerProcess reference, ServerProcess candidate) {
        this.reference = reference;
        this.candidate = candidate;
    }

    /**
     * What a run did: steps executed (workload plus final checks), outcome labels per request kind, how often each
     * named difference applied, and the first difference (null if none).
     */
    public record Result(long seed, int steps, long currentRevision, long compactRevision, Duration elapsed,
            Map<String, Integer> outcomes, Map<KnownDifferences.Name, Integer> namedDifferences, String failure) {

        public boolean passed() {
            return failure == null;
        }

        public String summary() {
            StringBuilder s = new StringBuilder("seed " + seed + ": " + steps + " steps in " + elapsed.toMillis()
                    + " ms, revision " + currentRevision + ", compact revision " + compactRevision
                    + (passed() ? ", no differences" : ", FAILED") + "\n");
            outcomes.forEach((k, v) -> s.append(String.format("  %6d  %s%n", v, k)));
            namedDifferences.forEach((k, v) -> s.append(String.format("  %6d  named difference %s%n", v, k)));
            return s.toString();
        }
    }

    /** Runs {@code operations} workload steps with {@code seed}, then the final checks. */
    public Result run(long seed, int operations) {
        long start = System.nanoTime();
        State state = new State(new Workload(seed),
                new KnownDifferences(reference.dialect(), candidate.dialect()));
        String failure = null;
        for (int i = 0; i < operations && failure == null; i++) {
            failure = step(state, state.workload.next());
        }
        if (failure == null) {
            failure = finalChecks(state);
        }
        return new Result(seed, state.steps, state.workload.currentRevision(), state.workload.compactRevision(),
                Duration.ofNanos(System.nanoTime() - start), state.outcomes, state.named, failure);
    }

    private String finalChecks(State state) {
        Workload w = state.workload;
        if (!w.hashable()) {
            String failure = step(state, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("a"))
                    .setValue(ByteString.copyFromUtf8("settle")).build());
            failure = failure != null ? failure : step(state, CompactionRequest.newBuilder()
                    .setRevision(w.compactRevision() + 1).setPhysical(true).build());
            if (failure != null) {
                return failure;
            }
        }
        TreeSet<Long> revisions = new TreeSet<>();
        revisions.add(0L);
        revisions.add(w.currentRevision());
        Random random = new Random(w.seed());
        for (int i = 0; i < 4; i++) {
            revisions.add(Revisions.between(random, w.compactRevision() + 1, w.currentRevision()));
        }
        if (w.compactRevision() > 0) {
            revisions.add(w.compactRevision());
        }
        String failure = step(state, RangeRequest.newBuilder().setKey(KeySpace.ZERO).setRangeEnd(KeySpace.ZERO)
                .build());
        for (long revision : revisions) {
            failure = failure != null ? failure : step(state, HashKVRequest.newBuilder().setRevision(revision).build());
        }
        return failure;
    }

    /** Sends one request to both servers and compares; returns a failure report or null. */
    private String step(State state, Message request) {
        state.steps++;
        long compactBefore = state.workload.compactRevision();
        Long hashBefore = hashBeforeCompaction(state, request);
        CompletableFuture<Outcome> ref = CompletableFuture.supplyAsync(
                () -> EtcdRpc.call(reference.channel(), request), senders);
        CompletableFuture<Outcome> cand = CompletableFuture.supplyAsync(
                () -> EtcdRpc.call(candidate.channel(), request), senders);
        Outcome expected = ref.join();
        Outcome actual = cand.join();
        state.workload.observe(request, expected);
        state.remember(request);
        state.outcomes.merge(kind(request) + " -> " + expected.label(), 1, Integer::sum);
        if (request instanceof CompactionRequest c && expected.isOk()) {
            state.known.compacted(c.getRevision(), compactBefore, hashBefore);
        }
        if (SERVER_FAILURES.contains(expected.code())) {
            return report(state, request, "the reference server failed (" + expected + "); alive: "
                    + reference.isAlive() + "; log tail:\n" + reference.logTail(30));
        }
        KnownDifferences.Translation t = state.known.translate(request, actual, compactBefore);
        t.applied().forEach(name -> state.named.merge(name, 1, Integer::sum));
        if (!t.violations().isEmpty()) {
            return report(state, request, "new-behaviour violations: " + t.violations() + "\nreference:\n"
                    + expected + "\ncandidate:\n" + actual);
        }
        return ResponseComparer.diff(expected, t.asReference()).map(d -> report(state, request, d)).orElse(null);
    }

    /**
     * Before a compaction that will succeed, the reference's HashKV at its target: what a new-behaviour server's
     * compaction-hash cache must later return for that revision ({@link KnownDifferences.Name
     * #HASHKV_COMPACTION_HASH_CACHE}). Null when not needed or not deterministic.
     */
    private Long hashBeforeCompaction(State state, Message request) {
        Workload w = state.workload;
        if (!(request instanceof CompactionRequest c) || !state.known.active() || !w.hashable()
                || c.getRevision() <= Math.max(0, w.compactRevision()) || c.getRevision() > w.currentRevision()) {
            return null;
        }
        Outcome hash = EtcdRpc.call(reference.channel(),
                HashKVRequest.newBuilder().setRevision(c.getRevision()).build());
        return hash.isOk() ? Integer.toUnsignedLong(((HashKVResponse) hash.response()).getHash()) : null;
    }

    private String report(State state, Message request, String detail) {
        return "difference between " + reference + " (reference, " + reference.dialect() + ") and " + candidate
                + " (candidate, " + candidate.dialect() + ") at seed " + state.workload.seed() + ", step "
                + state.steps + "\nreplay: -Drevkv.seed=" + state.workload.seed() + " -Drevkv.ops=" + state.steps
                + "\nrequest:\n" + Protos.text(request) + "\n" + detail + "\nlast requests:\n"
                + String.join("\n", state.history) + "\nlogs: " + reference.logFile() + ", " + candidate.logFile();
    }

    static String kind(Message request) {
        return request.getClass().getSimpleName().replace("Request", "");
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }

    private static final class State {
        final Workload workload;
        final KnownDifferences known;
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<KnownDifferences.Name, Integer> named = new EnumMap<>(KnownDifferences.Name.class);
        final Deque<String> history = new ArrayDeque<>();
        int steps;

        State(Workload workload, KnownDifferences known) {
            this.workload = workload;
            this.known = known;
        }

        void remember(Message request) {
            history.addLast("  #" + steps + " " + Protos.shortText(request));
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
    }
}
