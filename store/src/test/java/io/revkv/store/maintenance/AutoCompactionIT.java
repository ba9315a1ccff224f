package io.revkv.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.KVGrpc;
import io.revkv.proto.etcdserverpb.MaintenanceGrpc;
import io.revkv.proto.etcdserverpb.PutRequest;
import io.revkv.testing.Etcdctl;
import io.revkv.testing.EtcdProcess;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --auto-compaction-mode periodic --auto-compaction-retention 2s} on revkv and etcd 3.4 under the same
 * steady writes: both compact on the same schedule (every 2 s, to the revision of about 2 s before), compared through
 * the compact revisions HashKV reports, and old revisions become compacted for etcdctl on both.
 *
 * <p>Known difference: with no writes between two compactions etcd 3.4 re-issues the same revision (and logs it),
 * revkv skips it as etcd 3.6 does; with steady writes, as here, the two schedules are the same.
 */
class AutoCompactionIT {

    private static final String[] FLAGS = {"--auto-compaction-mode", "periodic", "--auto-compaction-retention", "2s"};
    private static final Duration RUN = Duration.ofSeconds(11);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    /** One observation: the current revision and the compact revision at that moment. */
    private record Sample(long current, long compacted) {
    }

    @Test
    void revkvCompactsOnEtcdsPeriodicScheduleUnderSteadyWrites() {
        EtcdProcess etcd = servers.etcd("etcd", FLAGS);
        RevkvProcess revkv = servers.revkv("revkv", FLAGS);
        List<Sample> etcdSamples = new ArrayList<>();
        List<Sample> revkvSamples = new ArrayList<>();
        long end = System.nanoTime() + RUN.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            etcdSamples.add(writeAndSample(etcd, i));
            revkvSamples.add(writeAndSample(revkv, i));
            pause(100);
        }
        List<Long> etcdLags = lagsAtCompactions(etcdSamples);
        List<Long> revkvLags = lagsAtCompactions(revkvSamples);
        String report = "etcd lags " + etcdLags + ", revkv lags " + revkvLags;
        assertThat(etcdLags).as(report).hasSizeGreaterThanOrEqualTo(3);
        assertThat(revkvLags.size()).as(report).isBetween(etcdLags.size() - 1, etcdLags.size() + 1);
        // Each compaction keeps about one period of writes: the same on both, within a sampling period's slack.
        assertThat(average(revkvLags)).as(report)
                .isBetween(average(etcdLags) * 0.5 - 5, average(etcdLags) * 1.5 + 5);

        for (ServerProcess server : List.of(etcd, revkv)) {
            Etcdctl.Result old = Etcdctl.run(server, "get", "steady", "--rev=2");
            assertThat(old.exitCode()).as(old.toString()).isNotZero();
            assertThat(old.stderr()).contains("Error: etcdserver: mvcc: required revision has been compacted");
        }
        revkv.awaitLogLine(Pattern.compile("Starting auto-compaction at revision \\d+ \\(retention: 2s\\)"),
                Duration.ofSeconds(1));
    }

    private static Sample writeAndSample(ServerProcess server, int i) {
        long current = KVGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("steady"))
                        .setValue(ByteString.copyFromUtf8("v" + i)).build())
                .getHeader().getRevision();
        long compacted = MaintenanceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .hashKV(HashKVRequest.getDefaultInstance()).getCompactRevision();
        return new Sample(current, compacted);
    }

    /** current − compact revision at each sample where the compact revision moved past 1 (the first, empty one). */
    private static List<Long> lagsAtCompactions(List<Sample> samples) {
        List<Long> lags = new ArrayList<>();
        long previous = 0;
        for (Sample s : samples) {
            if (s.compacted() != previous && s.compacted() > 1) {
                lags.add(s.current() - s.compacted());
            }
            previous = s.compacted();
        }
        return lags;
    }

    private static double average(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
