package io.revkv.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.LeaseGrantRequest;
import io.revkv.proto.etcdserverpb.LeaseGrantResponse;
import io.revkv.proto.etcdserverpb.LeaseKeepAliveResponse;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveRequest;
import io.revkv.proto.etcdserverpb.LeaseTimeToLiveResponse;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.etcdserverpb.RangeRequest;
import io.revkv.proto.etcdserverpb.RangeResponse;
import io.revkv.testing.EtcdRpc;
import io.revkv.testing.Outcome;
import io.revkv.testing.Protos;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lease expiry on a real revkv process (contract §9, §1.1, §13.19): a lease at the 2 s minimum expires on its own and
 * its keys go in one revision; keep-alives hold a lease past its TTL; a restart gives a lease its full TTL again.
 * Deadlines here bound how long a test waits for a behaviour, they never measure speed.
 */
class LeaseExpiryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aLeaseAtTheMinimumTtlExpiresAndItsKeysAreDeletedInOneRevision() throws InterruptedException {
        RevkvProcess revkv = servers.revkv("revkv");
        LeaseGrantResponse lease = grant(revkv, 1);
        assertThat(lease.getTTL()).isEqualTo(2);
        for (String key : new String[] {"lb", "la", "lc"}) {
            put(revkv, key, lease.getID());
        }
        long lastPut = put(revkv, "keep", 0);

        awaitTimeToLive(revkv, lease.getID(), r -> r.getTTL() == -1);

        assertThat(range(revkv, "keep", 0).getHeader().getRevision()).isEqualTo(lastPut + 1);
        assertThat(range(revkv, "l", lastPut + 1).getCount()).isZero();
        assertThat(range(revkv, "l", lastPut).getCount()).isEqualTo(3);
        assertThat(range(revkv, "keep", 0).getCount()).isEqualTo(1);
    }

    @Test
    void keepAlivesHoldALeasePastItsTtl() throws InterruptedException {
        RevkvProcess revkv = servers.revkv("revkv");
        LeaseGrantResponse lease = grant(revkv, 2);
        put(revkv, "held", lease.getID());
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            Outcome renewed = KeepAlive.once(revkv.channel(), lease.getID());
            assertThat(((LeaseKeepAliveResponse) renewed.response()).getTTL()).isEqualTo(2);
            Thread.sleep(400);
        }

        assertThat(range(revkv, "held", 0).getCount()).isEqualTo(1);
    }

    /**
     * Without the restart the lease would expire at (when it was seen) + (its remaining TTL then). After it, a new
     * leader gives it its full 30 s plus an election timeout, so it must expire at least 4 s later than that (3 s
     * after rounding both remainders down), however long the restart took.
     */
    @Test
    void aRestartGivesALeaseItsFullTtlAgain() throws InterruptedException {
        RevkvProcess revkv = servers.revkv("revkv");
        LeaseGrantResponse lease = grant(revkv, 30);
        put(revkv, "k", lease.getID());
        LeaseTimeToLiveResponse before = awaitTimeToLive(revkv, lease.getID(), r -> r.getTTL() <= 26);
        long seenBefore = System.nanoTime();

        revkv.restart();

        LeaseTimeToLiveResponse after = timeToLive(revkv, lease.getID());
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - seenBefore).toSeconds();
        assertThat(after.getGrantedTTL()).isEqualTo(30);
        assertThat(after.getTTL()).as("remaining after a restart %d s after it was %d", elapsedSeconds,
                before.getTTL()).isGreaterThanOrEqualTo(before.getTTL() + 3 - elapsedSeconds);
        assertThat(after.getKeysList()).containsExactly(Protos.utf8("k"));
        assertThat(range(revkv, "k", 0).getKvs(0).getLease()).isEqualTo(lease.getID());
    }

    private static LeaseGrantResponse grant(ServerProcess server, long ttl) {
        Outcome outcome = EtcdRpc.call(server.channel(), LeaseGrantRequest.newBuilder().setTTL(ttl).build());
        assertThat(outcome.isOk()).as("grant: %s", outcome).isTrue();
        return (LeaseGrantResponse) outcome.response();
    }

    private static long put(ServerProcess server, String key, long lease) {
        return KVGrpc.newBlockingStub(server.channel()).put(PutRequest.newBuilder().setKey(Protos.utf8(key))
                .setValue(Protos.utf8("v")).setLease(lease).build()).getHeader().getRevision();
    }

    /** Keys with prefix {@code prefix} at {@code revision} (0: current). */
    private static RangeResponse range(ServerProcess server, String prefix, long revision) {
        byte[] end = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return KVGrpc.newBlockingStub(server.channel()).range(RangeRequest.newBuilder().setKey(Protos.utf8(prefix))
                .setRangeEnd(com.google.protobuf.ByteString.copyFrom(end)).setRevision(revision).build());
    }

    private static LeaseTimeToLiveResponse timeToLive(ServerProcess server, long id) {
        Outcome outcome = EtcdRpc.call(server.channel(),
                LeaseTimeToLiveRequest.newBuilder().setID(id).setKeys(true).build());
        assertThat(outcome.isOk()).as("timetolive: %s", outcome).isTrue();
        return (LeaseTimeToLiveResponse) outcome.response();
    }

    private static LeaseTimeToLiveResponse awaitTimeToLive(ServerProcess server, long id,
            Predicate<LeaseTimeToLiveResponse> until) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        LeaseTimeToLiveResponse last = timeToLive(server, id);
        while (!until.test(last)) {
            assertThat(System.nanoTime()).as("lease %d still %s after %s", id, last, PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
            last = timeToLive(server, id);
        }
        return last;
    }
}
