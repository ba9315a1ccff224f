package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.revkv.proto.etcdserverpb.AlarmRequest;
import io.revkv.proto.etcdserverpb.AlarmType;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.backend.Backend;
import io.revkv.store.backend.BucketEntry;
import io.revkv.store.backend.Bucket;
import io.revkv.store.backend.ReadSnapshot;
import io.revkv.testing.EtcdProcess;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corruption checks on a 3-member cluster whose follower's data is made to differ while it is stopped (one
 * record's value rewritten in its RocksDB, so revision and keys stay the same and only HashKV tells): started with
 * {@code --experimental-initial-corrupt-check} it refuses to start with etcd's error; started without, the leader's
 * periodic check ({@code --experimental-corrupt-check-time}) raises CORRUPT for member 0, which every member then
 * shows and which refuses writes. The alarm as clients see it is compared with etcd 3.4 holding the same alarm.
 */
class CorruptionCheckIT {

    private static final String[] PERIODIC = {"--experimental-corrupt-check-time", "1s"};

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aCorruptedFollowerIsRefusedAtStartAndRaisesCorruptOnTheLeader() throws Exception {
        List<ServerProcess> members = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            members.add(new RevkvProcess(name, servers.baseDir(), PERIODIC));
        }
        Members.startAll(members);
        members.forEach(servers::track);
        ServerProcess leader = Members.leader(members);
        for (int i = 0; i < 50; i++) {
            put(members.get(i % 3), "key-" + i, "value-" + i);
        }
        // Several passes of the periodic check while the members agree, with writes in flight: no alarm.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        for (int i = 0; System.nanoTime() < until; i++) {
            put(members.get(i % 3), "busy-" + (i % 20), "v" + i);
        }
        assertThat(alarms(leader)).as("alarms while the members agree").isEmpty();
        assertThat(leader.log()).contains("finished peer corruption check {number-of-peers-checked=2}");

        ServerProcess follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
        follower.stop();
        String changed = rewriteLatestValue(follower);

        follower.useExtraFlags("--experimental-initial-corrupt-check", PERIODIC[0], PERIODIC[1]);
        follower.start();
        Members.await("the corrupted member to exit", () -> follower.isAlive() ? Optional.empty() : Optional.of(true));
        assertThat(follower.stop()).as("exit code").isNotZero();
        String self = Long.toHexString(idFromLog(follower));
        assertThat(follower.log()).contains("starting initial corruption check {local-member-id=" + self)
                .contains("found different hash values from remote peer")
                .contains(self + " found data inconsistency with peers")
                .doesNotContain("initial corruption checking passed");

        follower.useExtraFlags(PERIODIC);
        follower.startAndAwaitReady();
        ServerProcess current = Members.leader(members);
        Members.await("the CORRUPT alarm", () -> alarms(current).isEmpty() ? Optional.empty() : Optional.of(true));
        assertThat(current.log()).contains("same compact revision then hashes must match");
        for (ServerProcess member : members) {
            Members.await("the alarm on " + member.name(), () -> Members.status(member)
                    .filter(s -> s.getErrorsList().contains("alarm:CORRUPT ")).map(s -> true));
        }
        assertThat(changed).isNotEmpty();

        Map<String, String> revkv = asClientsSeeIt(current);
        EtcdProcess etcd = servers.etcd("e");
        put(etcd, "key-0", "value-0");
        MaintenanceGrpc.newBlockingStub(etcd.channel()).alarm(AlarmRequest.newBuilder()
                .setAction(AlarmRequest.AlarmAction.ACTIVATE).setMemberID(0).setAlarm(AlarmType.CORRUPT).build());
        assertThat(revkv).isEqualTo(asClientsSeeIt(etcd));
    }

    /** What a client reads of a cluster holding CORRUPT: etcdctl's alarm list, a put, a get, and Status errors. */
    private static Map<String, String> asClientsSeeIt(ServerProcess server) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("alarm list", Etcdctl.run(server, "alarm", "list").normalized(server.endpoint()));
        seen.put("put", Etcdctl.run(server, "put", "key-0", "x").normalized(server.endpoint()));
        seen.put("get", Etcdctl.run(server, "get", "key-0", "--print-value-only").normalized(server.endpoint()));
        seen.put("status errors", Members.status(server).orElseThrow().getErrorsList().toString());
        return seen;
    }

    private static List<?> alarms(ServerProcess server) {
        return MaintenanceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .alarm(AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.GET).build()).getAlarmsList();
    }

    private static void put(ServerProcess server, String key, String value) {
        KVGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS).put(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value)).build());
    }

    /**
     * Rewrites the value of the newest record in the stopped member's {@code key} bucket, as a disk fault would: same
     * key, same revision, another value. Returns the key changed.
     */
    private static String rewriteLatestValue(ServerProcess stopped) throws InvalidProtocolBufferException {
        try (Backend backend = Backend.open(stopped.dataDir().resolve("member").resolve("db"))) {
            BucketEntry latest;
            try (ReadSnapshot snapshot = backend.snapshot()) {
                List<BucketEntry> all = new ArrayList<>();
                snapshot.forEach(Bucket.KEY, null, null, all::add);
                latest = all.get(all.size() - 1);
            }
            KeyValue record = KeyValue.parseFrom(latest.value());
            KeyValue corrupted = record.toBuilder().setValue(ByteString.copyFromUtf8("flipped")).build();
            try (var batch = backend.batch()) {
                batch.put(Bucket.KEY, latest.key(), corrupted.toByteArray()).commit();
            }
            return record.getKey().toStringUtf8();
        }
    }

    /** The member ID the store logged at its first start ("member c (<hex>) of cluster ..."). */
    private static long idFromLog(ServerProcess server) {
        String line = server.awaitLogLine(Pattern.compile("member " + server.name() + " \\([0-9a-f]+\\)"),
                Duration.ofSeconds(1));
        var m = Pattern.compile("member " + server.name() + " \\(([0-9a-f]+)\\)").matcher(line);
        assertThat(m.find()).isTrue();
        return Long.parseUnsignedLong(m.group(1), 16);
    }
}
