package io.revkv.store.training;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.revkv.proto.etcdserverpb.CompactionRequest;
import io.revkv.proto.etcdserverpb.Compare;
import io.revkv.proto.etcdserverpb.DeleteRangeRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrpc;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveRequest;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveResponse;
import io.revkv.proto.etcdserverpb.LeaseRevokeRequest;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RequestOp;
import io.revkv.proto.etcdserverpb.StatusRequest;
import io.revkv.proto.etcdserverpb.TxnRequest;
import io.revkv.proto.etcdserverpb.WatchCreateRequest;
import io.revkv.proto.etcdserverpb.WatchGrpc;
import io.revkv.proto.etcdserverpb.WatchRequest;
import io.revkv.proto.etcdserverpb.WatchResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The load {@code revkv train} drives: what clients of etcd send most, in the shape they send it. Puts from 64
 * concurrent clients over several connections (etcd's benchmark tool's shape, the load a restarted member meets),
 * some with a lease; linearizable and serializable gets, prefix ranges and counts; compare-and-put transactions;
 * deletes; a watch on the prefix all of it writes; lease grants, keep-alives and revokes; a compaction; status calls
 * as health checks make them. Keys and choices come from a fixed seed, so every training run sends the same requests.
 */
final class TrainingLoad {

    private static final int CONNECTIONS = 8;
    private static final int PUT_CLIENTS = 64;
    private static final int OTHER_CLIENTS = 16;
    private static final int KEY_SPACE = 100_000;
    private static final int LEASES = 16;
    private static final long SEED = 20261205L;
    private static final ByteString VALUE = ByteString.copyFrom(new byte[256]);

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final Random random = new Random(SEED);
    private final int puts;

    private TrainingLoad(String endpoint, int puts) {
        URI uri = URI.create(endpoint);
        for (int i = 0; i < CONNECTIONS; i++) {
            channels.add(NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build());
        }
        this.puts = puts;
    }

    /** Waits until the member at {@code endpoint} serves, runs the load; returns the process' exit code. */
    static int runWhenServing(String endpoint, int puts) {
        TrainingLoad load = new TrainingLoad(endpoint, puts);
        try {
            load.awaitServing();
            long start = System.nanoTime();
            load.run();
            System.out.printf("revkv train: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            System.err.println("revkv train: the load failed: " + e);
            return 1;
        } finally {
            load.channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                MaintenanceGrpc.newBlockingStub(channels.get(0)).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .status(StatusRequest.getDefaultInstance());
                return;
            } catch (StatusRuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the member did not serve within 2 minutes", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private void run() throws InterruptedException {
        AtomicLong watched = new AtomicLong();
        StreamObserver<WatchRequest> watch = WatchGrpc.newStub(channels.get(0)).watch(counting(watched));
        watch.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                .setKey(key("")).setRangeEnd(key("\u00ff")).setPrevKv(true)).build());
        long[] leases = grantLeases();
        StreamObserver<LeaseKeepAliveRequest> keepAlive =
                LeaseGrpc.newStub(channels.get(1)).leaseKeepAlive(ignoring());

        phase("puts", puts, PUT_CLIENTS, (i, done) -> {
            PutRequest.Builder put = PutRequest.newBuilder().setKey(randomKey()).setValue(VALUE);
            if (i % 100 == 0) {
                put.setLease(leases[i / 100 % LEASES]);
                keepAlive.onNext(LeaseKeepAliveRequest.newBuilder().setID(put.getLease()).build());
            }
            KVGrpc.newStub(channel(i)).put(put.build(), done.to());
        });
        phase("gets", puts / 3, OTHER_CLIENTS, (i, done) -> KVGrpc.newStub(channel(i))
                .range(RangeRequest.newBuilder().setKey(randomKey()).setSerializable(i % 2 == 1).build(),
                        done.to()));
        phase("ranges", puts / 30, OTHER_CLIENTS, (i, done) -> KVGrpc.newStub(channel(i))
                .range(RangeRequest.newBuilder().setKey(randomKey()).setRangeEnd(key("\u00ff")).setLimit(100)
                        .setCountOnly(i % 10 == 0).build(), done.to()));
        phase("txns", puts / 6, OTHER_CLIENTS, (i, done) -> {
            ByteString key = randomKey();
            KVGrpc.newStub(channel(i)).txn(TxnRequest.newBuilder()
                    .addCompare(Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.VERSION)
                            .setResult(Compare.CompareResult.GREATER).setVersion(0))
                    .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(key)
                            .setValue(VALUE).setPrevKv(true)))
                    .addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)))
                    .build(), done.to());
        });
        phase("deletes", puts / 60, OTHER_CLIENTS, (i, done) -> KVGrpc.newStub(channel(i))
                .deleteRange(DeleteRangeRequest.newBuilder().setKey(randomKey()).setPrevKv(i % 2 == 0).build(),
                        done.to()));
        phase("status", 100, 4, (i, done) -> MaintenanceGrpc.newStub(channel(i))
                .status(StatusRequest.getDefaultInstance(), done.to()));

        long revision = KVGrpc.newBlockingStub(channels.get(0)).range(RangeRequest.newBuilder().setKey(key("none"))
                .build()).getHeader().getRevision();
        KVGrpc.newBlockingStub(channels.get(0)).compact(CompactionRequest.newBuilder()
                .setRevision(Math.max(1, revision - 1000)).build());
        for (long lease : leases) {
            LeaseGrpc.newBlockingStub(channels.get(1))
                    .leaseRevoke(LeaseRevokeRequest.newBuilder().setID(lease).build());
        }
        keepAlive.onCompleted();
        watch.onCompleted();
        if (watched.get() == 0) {
            throw new IllegalStateException("the watch on the written prefix saw no event");
        }
    }

    private long[] grantLeases() {
        long[] leases = new long[LEASES];
        for (int i = 0; i < LEASES; i++) {
            leases[i] = LeaseGrpc.newBlockingStub(channels.get(1))
                    .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(60).build()).getID();
        }
        return leases;
    }

    /**
     * {@code count} calls, at most {@code clients} in flight (each client waits for its answer before the next), as
     * etcd's benchmark clients do; the first failed call fails the phase.
     */
    private static void phase(String name, int count, int clients, BiConsumer<Integer, Answer> call)
            throws InterruptedException {
        Semaphore slots = new Semaphore(clients);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Answer answer = new Answer(slots, failure);
        long start = System.nanoTime();
        for (int i = 0; i < count && failure.get() == null; i++) {
            slots.acquire();
            call.accept(i, answer);
        }
        slots.acquire(clients);
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": " + failure.get().getMessage(), failure.get());
        }
        System.out.printf("revkv train: %d %s in %.1f s%n", count, name, (System.nanoTime() - start) / 1e9);
    }

    /** Where a call of a phase answers: it frees the caller's slot, and records the phase's first failure. */
    private static final class Answer implements StreamObserver<Object> {
        private final Semaphore slots;
        private final AtomicReference<Throwable> failure;

        Answer(Semaphore slots, AtomicReference<Throwable> failure) {
            this.slots = slots;
            this.failure = failure;
        }

        /** This observer, typed for the call it is passed to; it reads nothing of the answer. */
        @SuppressWarnings("unchecked")
        <T> StreamObserver<T> to() {
            return (StreamObserver<T>) (StreamObserver<?>) this;
        }

        @Override
        public void onNext(Object answer) {
        }

        @Override
        public void onError(Throwable t) {
            failure.compareAndSet(null, t);
            slots.release();
        }

        @Override
        public void onCompleted() {
            slots.release();
        }
    }

    private ManagedChannel channel(int request) {
        return channels.get(request % CONNECTIONS);
    }

    private ByteString randomKey() {
        return key(String.format("%08d", random.nextInt(KEY_SPACE)));
    }

    private static ByteString key(String suffix) {
        return ByteString.copyFromUtf8("train/" + suffix);
    }

    private static StreamObserver<WatchResponse> counting(AtomicLong events) {
        return new StreamObserver<>() {
            @Override
            public void onNext(WatchResponse response) {
                events.addAndGet(response.getEventsCount());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static StreamObserver<LeaseKeepAliveResponse> ignoring() {
        return new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
