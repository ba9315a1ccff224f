package io.revkv.testing;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.PutResponse;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.TxnResponse;
import io.revkv.testing.linearizability.Command;
import io.revkv.testing.linearizability.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent clients that put, read (linearizable ranges) and compare-and-set a few shared keys on a cluster and
 * record everything in a {@link History} for the linearizability checker, plus the acknowledged writes with their
 * revisions for {@link ClusterConvergence}.
 *
 * <p>Each client runs on its own thread with its own connections to every endpoint and starts on endpoint
 * {@code client % endpoints}. Like an etcd client it moves to the next endpoint when a request fails; a failed
 * write is recorded with an unknown outcome (whether the server applied it cannot be known), a failed read is
 * left out. Every written value is unique ({@code c<client>-<n>}), so a read names the write it saw. A
 * compare-and-set expects the value the client last saw on the key. The choices come from {@code seed}.
 */
public final class RegisterWorkload implements AutoCloseable {

    /** Where the clients write: every key they use starts with it. */
    public static final String KEY_PREFIX = "key-";
    private static final Duration BACKOFF = Duration.ofMillis(50);

    private final List<String> endpoints;
    private final int clients;
    private final int keys;
    private final long seed;
    private final Duration requestTimeout;
    private final History history = new History();
    private final ConcurrentLinkedQueue<AcknowledgedWrite> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    /** Failed requests by gRPC code and description ("UNAVAILABLE: etcdserver: request timed out"). */
    private final Map<String, AtomicLong> failureKinds = new ConcurrentSkipListMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> crashes = new ConcurrentLinkedQueue<>();

    /**
     * @param endpoints      {@code host:port} of each member, as {@link ServerProcess#endpoint()}
     * @param requestTimeout each request's deadline
     */
    public RegisterWorkload(List<String> endpoints, int clients, int keys, long seed, Duration requestTimeout) {
        this.endpoints = List.copyOf(endpoints);
        this.clients = clients;
        this.keys = keys;
        this.seed = seed;
        this.requestTimeout = requestTimeout;
    }

    /** Starts the clients; they run until {@link #stop()}. */
    public RegisterWorkload start() {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> runClient(client), "register-client-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Stops the clients and waits for their requests in flight (at most one request timeout). */
    public void stop() {
        stopping.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(requestTimeout.toMillis() * 2 + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertNoClientCrashed();
    }

    /** Fails if a client thread died of something other than a failed request (a bug in the test). */
    public void assertNoClientCrashed() {
        if (!crashes.isEmpty()) {
            throw new IllegalStateException("a workload client crashed", crashes.peek());
        }
    }

    public History history() {
        return history;
    }

    public List<AcknowledgedWrite> acknowledgedWrites() {
        return List.copyOf(acknowledged);
    }

    /** Requests that failed so far (writes recorded unknown, reads left out). */
    public long failures() {
        return failures.get();
    }

    /** Failed requests so far by "CODE: description", e.g. to assert that none was UNKNOWN. */
    public Map<String, Long> failureKinds() {
        Map<String, Long> copy = new TreeMap<>();
        failureKinds.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void close() {
        if (!stopping.get()) {
            stop();
        }
    }

    private void runClient(int client) {
        Random random = new Random(seed * 31 + client);
        List<ManagedChannel> channels = endpoints.stream().map(RegisterWorkload::channel).toList();
        Map<String, String> lastSeen = new HashMap<>();
        int endpoint = client % endpoints.size();
        long written = 0;
        try {
            while (!stopping.get()) {
                String key = KEY_PREFIX + random.nextInt(keys);
                int dice = random.nextInt(10);
                Command command = dice < 4 ? new Command.Put(key, "c" + client + "-" + written++)
                        : dice < 8 ? new Command.Get(key)
                        : new Command.CompareAndSet(key, lastSeen.getOrDefault(key, "none"),
                                "c" + client + "-" + written++);
                KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channels.get(endpoint))
                        .withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!send(client, kv, command, lastSeen)) {
                    failures.incrementAndGet();
                    endpoint = (endpoint + 1) % endpoints.size();
                    Thread.sleep(BACKOFF.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            crashes.add(e);
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Sends one command and records it; false when the request failed. */
    private boolean send(int client, KVGrpc.KVBlockingStub kv, Command command, Map<String, String> lastSeen) {
        History.Call call = history.invoke(client, command);
        try {
            if (command instanceof Command.Put put) {
                PutResponse r = kv.put(PutRequest.newBuilder().setKey(utf8(put.key())).setValue(utf8(put.value()))
                        .build());
                call.done();
                acknowledged.add(new AcknowledgedWrite(put.key(), put.value(), r.getHeader().getRevision()));
                lastSeen.put(put.key(), put.value());
            } else if (command instanceof Command.Get get) {
                RangeResponse r = kv.range(RangeRequest.newBuilder().setKey(utf8(get.key())).build());
                String value = r.getKvsCount() == 0 ? null : r.getKvs(0).getValue().toStringUtf8();
                call.read(value);
                if (value == null) {
                    lastSeen.remove(get.key());
                } else {
                    lastSeen.put(get.key(), value);
                }
            } else {
                compareAndSet(call, kv, (Command.CompareAndSet) command, lastSeen);
            }
            return true;
        } catch (StatusRuntimeException e) {
            failureKinds.computeIfAbsent(Outcome.of(e).label(), kind -> new AtomicLong()).incrementAndGet();
            if (!(command instanceof Command.Get)) {
                call.unknown();
            }
            return false;
        }
    }

    private void compareAndSet(History.Call call, KVGrpc.KVBlockingStub kv, Command.CompareAndSet cas,
            Map<String, String> lastSeen) {
        TxnResponse r = kv.txn(TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(utf8(cas.key())).setTarget(Compare.CompareTarget.VALUE)
                        .setResult(Compare.CompareResult.EQUAL).setValue(utf8(cas.expected())))
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(utf8(cas.key()))
                        .setValue(utf8(cas.value()))))
                .build());
        call.swapped(r.getSucceeded());
        if (r.getSucceeded()) {
            acknowledged.add(new AcknowledgedWrite(cas.key(), cas.value(), r.getHeader().getRevision()));
            lastSeen.put(cas.key(), cas.value());
        } else {
            lastSeen.remove(cas.key());
        }
    }

    private static ManagedChannel channel(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return Grpc.newChannelBuilderForAddress(endpoint.substring(0, colon),
                Integer.parseInt(endpoint.substring(colon + 1)), InsecureChannelCredentials.create()).build();
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
