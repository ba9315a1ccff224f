package io.revkv.store.compat;

import static io.revkv.testing.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import io.revkv.proto.mvccpb.Event;
import io.revkv.testing.Protos;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watch, differentially: the same seeded writes go to etcd 3.4.23 and to revkv, the same watch streams are opened
 * on both (from now, from an old revision, from exactly the compact revision, from a compacted one, from the
 * future, with prev_kv and filters, IDs and refusals), then live writes follow; every response is compared after
 * dropping cluster_id, member_id and raft_term.
 *
 * <p>Named differences ([3.4≠new], contract §8, §13.7): where 3.4 and the new behaviour differ, revkv is asserted to
 * show the new behaviour and the difference is then removed before comparing:
 * <ul>
 *   <li>{@code TOMBSTONE_AT_COMPACT_REVISION}: 3.4's compaction drops a tombstone at exactly the compact revision,
 *       so a watch from there misses that DELETE; revkv keeps it;</li>
 *   <li>{@code NEGATIVE_START_REVISION}: 3.4 creates the watch and cancels it through the compaction path; revkv
 *       refuses it at once (created+canceled, id -1, "mvcc: required revision has been compacted");</li>
 *   <li>{@code PROGRESS_REQUEST_WITHOUT_WATCHERS}: 3.4 answers a progress request on the control path whatever the
 *       watchers' state; the new rule answers only through the event path when every watcher is synced, so a stream
 *       without watchers gets nothing;</li>
 *   <li>{@code PROGRESS_FOR_FUTURE_WATCHERS}: 3.4 sends progress notifications to a watcher whose start revision is
 *       still ahead; revkv waits until the store reaches it (etcd#20221).</li>
 * </ul>
 * Seeds are fixed and printed with any failure; {@code -Drevkv.seed=N} replays one.
 */
class WatchDifferentialIT {
    private static final long[] DEFAULT_SEEDS = {20240917L, 11L};
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3", "k4", "m");
    private static final String COMPACTED = "mvcc: required revision has been compacted";

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void revkvWatchesLikeEtcd34ExceptForNamedDifferences() {
        List<String> failures = new ArrayList<>();
        for (long seed : seeds()) {
            try {
                List<String> differences = runSeed(seed, servers.etcd("etcd-" + seed), servers.revkv("revkv-" + seed));
                differences.forEach(d -> failures.add("seed " + seed + ": " + d));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + " (replay with -Drevkv.seed=" + seed + ")", e);
            }
        }
        assertThat(failures).as("watch differences against etcd 3.4").isEmpty();
    }

    private static long[] seeds() {
        String seed = System.getProperty("revkv.seed");
        return seed == null ? DEFAULT_SEEDS : new long[] {Long.parseLong(seed)};
    }

    /** The same steps on both servers; returns the differences found, per watch case. */
    private List<String> runSeed(long seed, ServerProcess etcd, ServerProcess revkv) {
        List<ServerProcess> both = List.of(etcd, revkv);
        Random random = new Random(seed);
        List<Consumer<KVGrpc.KVBlockingStub>> history = randomWrites(random, 30);
        both.forEach(s -> history.forEach(w -> w.accept(kv(s))));
        long compactRev = both.stream().mapToLong(s -> deleteAndCompact(kv(s))).distinct().reduce((a, b) -> {
            throw new AssertionError("compact revisions differ: " + a + " vs " + b);
        }).orElseThrow();
        List<Consumer<KVGrpc.KVBlockingStub>> more = randomWrites(random, 20);
        both.forEach(s -> more.forEach(w -> w.accept(kv(s))));
        long current = kv(revkv).range(RangeRequest.newBuilder().setKey(utf8("k0")).build()).getHeader().getRevision();

        Map<String, List<WatchCreateRequest>> cases = cases(compactRev, current);
        Map<String, List<List<WatchResponse>>> outcomes = new LinkedHashMap<>();
        List<Consumer<KVGrpc.KVBlockingStub>> live = randomWrites(random, 15);
        for (ServerProcess server : both) {
            Map<String, WatchClient> streams = open(server, cases);
            Map<String, List<WatchResponse>> seen = drain(streams);
            live.forEach(w -> w.accept(kv(server)));
            drain(streams).forEach((name, responses) -> seen.get(name).addAll(responses));
            streams.get("now").requestProgress();
            seen.get("now").addAll(streams.get("now").drainUntilQuiet(QUIET));
            streams.values().forEach(WatchClient::close);
            seen.forEach((name, responses) -> outcomes.computeIfAbsent(name, n -> new ArrayList<>()).add(responses));
        }
        return compare(outcomes, compactRev);
    }

    /** PROGRESS_REQUEST_WITHOUT_WATCHERS, pinned alone. */
    @Test
    void aProgressRequestOnAStreamWithoutWatchersIsAnsweredBy34Only() {
        ServerProcess etcd = servers.etcd("etcd");
        ServerProcess revkv = servers.revkv("revkv");
        try (WatchClient onEtcd = new WatchClient(etcd.channel());
             WatchClient onRevkv = new WatchClient(revkv.channel())) {
            onEtcd.requestProgress();
            onRevkv.requestProgress();
            WatchResponse answer = onEtcd.poll(Duration.ofSeconds(5));
            assertThat(answer).as("3.4 answers at once").isNotNull();
            assertThat(answer.getWatchId()).isEqualTo(-1);
            assertThat(onRevkv.drainUntilQuiet(Duration.ofSeconds(1))).as("revkv: nothing").isEmpty();
        }
    }

    /**
     * PROGRESS_FOR_FUTURE_WATCHERS, pinned alone, with a 500 ms progress interval on both: 3.4 sends progress to a
     * watcher waiting for a future start revision; revkv stays silent until the store reaches it, then sends events
     * and progress like 3.4.
     */
    @Test
    void progressNotificationsWaitForAFutureStartRevisionOnRevkvOnly() {
        String interval = "--experimental-watch-progress-notify-interval=500ms";
        ServerProcess etcd = servers.etcd("etcd", interval);
        ServerProcess revkv = servers.revkv("revkv", interval);
        WatchCreateRequest future = WatchCreateRequest.newBuilder().setKey(utf8("f")).setStartRevision(3)
                .setProgressNotify(true).build();
        try (WatchClient onEtcd = new WatchClient(etcd.channel()).create(future);
             WatchClient onRevkv = new WatchClient(revkv.channel()).create(future)) {
            List<WatchResponse> etcdSaw = onEtcd.collectFor(Duration.ofMillis(1500));
            assertThat(etcdSaw).as("3.4: created, then progress while waiting").hasSizeGreaterThan(1);
            assertThat(onRevkv.poll(Duration.ofSeconds(5)).getCreated()).isTrue();
            assertThat(onRevkv.collectFor(Duration.ofMillis(1500))).as("revkv: no progress yet").isEmpty();

            kv(revkv).put(PutRequest.newBuilder().setKey(utf8("f")).setValue(utf8("1")).build());   // 2
            kv(revkv).put(PutRequest.newBuilder().setKey(utf8("f")).setValue(utf8("2")).build());   // 3
            WatchResponse event = onRevkv.poll(Duration.ofSeconds(5));
            assertThat(event.getEventsList()).extracting(e -> e.getKv().getModRevision()).containsExactly(3L);
            WatchResponse progress = onRevkv.poll(Duration.ofSeconds(5));
            assertThat(progress).as("revkv: progress once the start revision is reached").isNotNull();
            assertThat(progress.getEventsCount()).isZero();
            assertThat(progress.getHeader().getRevision()).isEqualTo(3);
        }
    }

    private static Map<String, List<WatchCreateRequest>> cases(long compactRev, long current) {
        WatchCreateRequest all = WatchCreateRequest.newBuilder().setKey(utf8("\0")).setRangeEnd(utf8("\0")).build();
        WatchCreateRequest prefix = WatchCreateRequest.newBuilder().setKey(utf8("k")).setRangeEnd(utf8("l")).build();
        Map<String, List<WatchCreateRequest>> cases = new LinkedHashMap<>();
        cases.put("now", List.of(all));
        cases.put("old", List.of(prefix.toBuilder().setStartRevision(compactRev + 2).setPrevKv(true).build()));
        cases.put("atCompactRev", List.of(all.toBuilder().setStartRevision(compactRev).build()));
        cases.put("compacted", List.of(all.toBuilder().setStartRevision(compactRev - 1).build()));
        cases.put("future", List.of(all.toBuilder().setStartRevision(current + 3).setPrevKv(true).build()));
        cases.put("noPut", List.of(all.toBuilder().setStartRevision(compactRev + 1)
                .addFilters(WatchCreateRequest.FilterType.NOPUT).setPrevKv(true).build()));
        cases.put("noDelete", List.of(prefix.toBuilder().addFilters(WatchCreateRequest.FilterType.NODELETE)
                .setPrevKv(true).build()));
        cases.put("negative", List.of(all.toBuilder().setStartRevision(-1).build()));
        cases.put("ids", List.of(prefix.toBuilder().setWatchId(5).build(), prefix.toBuilder().setWatchId(5).build(),
                prefix, prefix, prefix.toBuilder().setKey(utf8("z")).setRangeEnd(utf8("a")).build()));
        return cases;
    }

    private static Map<String, WatchClient> open(ServerProcess server, Map<String, List<WatchCreateRequest>> cases) {
        Map<String, WatchClient> streams = new LinkedHashMap<>();
        cases.forEach((name, requests) -> {
            WatchClient client = new WatchClient(server.channel());
            requests.forEach(client::create);
            streams.put(name, client);
        });
        return streams;
    }

    private static Map<String, List<WatchResponse>> drain(Map<String, WatchClient> streams) {
        Map<String, List<WatchResponse>> seen = new LinkedHashMap<>();
        streams.forEach((name, client) -> seen.put(name, new ArrayList<>(client.drainUntilQuiet(QUIET))));
        return seen;
    }

    private List<String> compare(Map<String, List<List<WatchResponse>>> outcomes, long compactRev) {
        List<String> differences = new ArrayList<>();
        outcomes.forEach((name, pair) -> {
            List<String> reference = texts(pair.get(0));
            List<String> candidate = texts(translate(name, pair.get(1), pair.get(0), compactRev));
            if (!reference.equals(candidate)) {
                differences.add("case " + name + "\netcd 3.4:\n" + String.join("\n", reference) + "\nrevkv:\n"
                        + String.join("\n", candidate));
            }
        });
        return differences;
    }

    /** Asserts revkv's new behaviour in the named cases and returns what 3.4 would have sent instead. */
    private static List<WatchResponse> translate(String name, List<WatchResponse> revkv, List<WatchResponse> etcd,
                                                 long compactRev) {
        if (name.equals("atCompactRev")) {
            return withoutTombstoneAt(revkv, compactRev);
        }
        if (name.equals("negative")) {
            assertThat(revkv).as("revkv: a negative start revision is refused at once").hasSize(1);
            WatchResponse refused = revkv.get(0);
            assertThat(refused.getCreated() && refused.getCanceled()).isTrue();
            assertThat(refused.getWatchId()).isEqualTo(-1);
            assertThat(refused.getCancelReason()).isEqualTo(COMPACTED);
            assertThat(etcd).as("3.4: created, then cancelled as compacted").hasSize(2);
            assertThat(etcd.get(1).getCompactRevision()).isEqualTo(compactRev);
            return etcd;
        }
        return revkv;
    }

    /** TOMBSTONE_AT_COMPACT_REVISION: revkv must send the DELETE at exactly compactRev; 3.4 lost it. */
    private static List<WatchResponse> withoutTombstoneAt(List<WatchResponse> revkv, long compactRev) {
        List<WatchResponse> translated = new ArrayList<>();
        boolean found = false;
        for (WatchResponse r : revkv) {
            List<Event> kept = r.getEventsList().stream().filter(e -> !(e.getType() == Event.EventType.DELETE
                    && e.getKv().getModRevision() == compactRev)).toList();
            found |= kept.size() < r.getEventsCount();
            if (r.getEventsCount() == 0 || !kept.isEmpty()) {
                translated.add(r.toBuilder().clearEvents().addAllEvents(kept).build());
            }
        }
        assertThat(found).as("revkv: the tombstone at exactly the compact revision %d is sent", compactRev).isTrue();
        return translated;
    }

    /**
     * Grouped by watch_id, keeping each watch's order: a stream interleaves its watches in no set order (etcd walks a
     * Go map), only each watch's own responses are ordered (contract §8.2).
     */
    private static List<String> texts(List<WatchResponse> responses) {
        return responses.stream().sorted(java.util.Comparator.comparingLong(WatchResponse::getWatchId))
                .map(r -> Protos.shortText(WatchClient.normalized(r))).toList();
    }

    /** put t, delete t, compact (physical) at the delete: a tombstone at exactly the compact revision. */
    private static long deleteAndCompact(KVGrpc.KVBlockingStub kv) {
        kv.put(PutRequest.newBuilder().setKey(utf8("t")).setValue(utf8("1")).build());
        long rev = kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(utf8("t")).build()).getHeader().getRevision();
        kv.compact(CompactionRequest.newBuilder().setRevision(rev).setPhysical(true).build());
        return rev;
    }

    private static List<Consumer<KVGrpc.KVBlockingStub>> randomWrites(Random random, int count) {
        List<Consumer<KVGrpc.KVBlockingStub>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(10);
            if (dice < 6) {
                PutRequest put = put(random);
                writes.add(kv -> kv.put(put));
            } else if (dice < 8) {
                DeleteRangeRequest delete = DeleteRangeRequest.newBuilder().setKey(utf8(key(random))).build();
                writes.add(kv -> kv.deleteRange(delete));
            } else {
                // Keys chosen so that etcd's duplicate-key check accepts the txn: puts outside the deleted range.
                TxnRequest txn = TxnRequest.newBuilder()
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put(random, "k2", "k3")))
                        .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(
                                DeleteRangeRequest.newBuilder().setKey(utf8("k")).setRangeEnd(utf8("k2"))))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put(random, "k4", "m"))).build();
                writes.add(kv -> kv.txn(txn));
            }
        }
        return writes;
    }

    private static PutRequest put(Random random) {
        return put(random, KEYS.toArray(String[]::new));
    }

    private static PutRequest put(Random random, String... keys) {
        String key = keys[random.nextInt(keys.length)];
        return PutRequest.newBuilder().setKey(utf8(key)).setValue(utf8("v" + random.nextInt(1000))).build();
    }

    private static String key(Random random) {
        return KEYS.get(random.nextInt(KEYS.size()));
    }

    private static KVGrpc.KVBlockingStub kv(ServerProcess server) {
        return KVGrpc.newBlockingStub(server.channel());
    }
}
