package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members behind the purged log catch up from the leader's checkpoint: with {@code --snapshot-count 100}, a follower is
 * killed (-9) while 24 MB more are written (three Raft log segments, purged up to each snapshot although it is down);
 * restarted, it installs the leader's snapshot; then a new member added with etcdctl joins empty and installs one too.
 * Afterwards every acknowledged write is on every member and their HashKV agree at the same revision.
 */
class SnapshotCatchUpIT {

    private static final Pattern INSTALLED = Pattern.compile("installed the leader's snapshot at index \\d+");
    /** Values large enough that the writes made while a member is down fill several 8 MB log segments. */
    private static final int VALUE_BYTES = 8 << 10;
    private static final int WRITES_WHILE_DOWN = 3_000;

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aFollowerBehindThePurgedLogAndANewMemberCatchUpFromTheLeadersCheckpoint() {
        List<ServerProcess> members = new CopyOnWriteArrayList<>(List.of("m1", "m2", "m3").stream()
                .map(name -> (ServerProcess) new RevkvProcess(name, servers.baseDir(), "--snapshot-count", "100"))
                .toList());
        Members.startAll(members);
        members.forEach(servers::track);
        Set<String> bulk = new TreeSet<>();
        try (AckedWriter writer = new AckedWriter(() -> members)) {
            Members.await("writes acknowledged", () -> Optional.of(writer.acknowledged()).filter(n -> n > 300));
            ServerProcess leader = Members.leader(members);
            ServerProcess follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
            follower.kill();

            bulk.addAll(writeLarge(leader, "w/bulk-a-", WRITES_WHILE_DOWN));
            follower.start();
            follower.awaitLogLine(INSTALLED, Duration.ofSeconds(120));
            follower.awaitReady(Duration.ofSeconds(60));

            ServerProcess joined = join(members, "m4");
            joined.awaitLogLine(INSTALLED, Duration.ofSeconds(120));
            members.add(joined);
            bulk.addAll(writeLarge(Members.leader(members), "w/bulk-b-", 200));
            Members.await("writes acknowledged after the catch-up", () -> Optional.of(writer.acknowledged())
                    .filter(n -> n > 600));
            Set<String> acked = new TreeSet<>(writer.stop());
            acked.addAll(bulk);
            assertEveryMemberHolds(members, acked);
        }
    }

    private static Set<String> writeLarge(ServerProcess leader, String prefix, int count) {
        Set<String> written = new TreeSet<>();
        ByteString value = ByteString.copyFrom(new byte[VALUE_BYTES]);
        KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(leader.channel());
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%05d", i);
            kv.withDeadlineAfter(10, TimeUnit.SECONDS).put(PutRequest.newBuilder()
                    .setKey(ByteString.copyFrom(key, StandardCharsets.UTF_8)).setValue(value).build());
            written.add(key);
        }
        return written;
    }

    /** etcdctl member add, then a new, empty member started with --initial-cluster-state existing. */
    private ServerProcess join(List<ServerProcess> members, String name) {
        RevkvProcess joining = new RevkvProcess(name, servers.baseDir());
        Etcdctl.Result added = Etcdctl.run(Members.leader(members), "member", "add", name,
                "--peer-urls=" + joining.peerUrl());
        assertThat(added.exitCode()).as(added.toString()).isZero();
        joining.useInitialCluster(String.join(",", members.stream().map(m -> m.name() + "=" + m.peerUrl()).toList())
                + "," + name + "=" + joining.peerUrl());
        joining.useExtraFlags("--snapshot-count", "100", "--initial-cluster-state", "existing");
        joining.start();
        servers.track(joining);
        return joining;
    }

    private static void assertEveryMemberHolds(List<ServerProcess> members, Set<String> acked) {
        long revision = members.stream().mapToLong(AckedWriter::revision).max().orElseThrow();
        Members.await("every member at revision " + revision, () -> Optional.of(members)
                .filter(ms -> ms.stream().allMatch(m -> AckedWriter.revision(m) >= revision)));
        for (ServerProcess member : members) {
            assertThat(AckedWriter.keysOn(member)).as("acknowledged writes on " + member.name()).containsAll(acked);
        }
        assertThat(members.stream().map(m -> AckedWriter.hashKv(m, revision)).distinct().toList())
                .as("HashKV at revision " + revision).hasSize(1);
    }
}
