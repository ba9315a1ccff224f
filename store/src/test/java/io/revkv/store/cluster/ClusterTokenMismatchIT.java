package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.EtcdProcess;
import io.revkv.testing.RevkvProcess;
import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member started with another {@code --initial-cluster-token} than its peers belongs to another cluster: the two
 * that agree form theirs, and the odd one finds no leader and says why in etcd's words, as etcd 3.4 does.
 */
class ClusterTokenMismatchIT {

    /** etcd's rafthttp line on the member whose requests the others ignore. */
    private static final Pattern MISMATCH = Pattern.compile(
            "request sent was ignored \\(cluster ID mismatch: remote\\[[0-9a-f]+\\]=[0-9a-f]+, local=[0-9a-f]+\\)");

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void etcdNamesBothClusterIds() {
        assertTheOddMemberReportsTheMismatch(EtcdProcess::new);
    }

    @Test
    void revkvNamesBothClusterIdsAsEtcdDoes() {
        assertTheOddMemberReportsTheMismatch(RevkvProcess::new);
    }

    /** How a server process of one kind is made: name, base directory, extra flags. */
    private interface Kind {
        ServerProcess create(String name, Path baseDir, String... flags);
    }

    private void assertTheOddMemberReportsTheMismatch(Kind kind) {
        ServerProcess m1 = kind.create("m1", servers.baseDir());
        ServerProcess m2 = kind.create("m2", servers.baseDir());
        ServerProcess odd = kind.create("m3", servers.baseDir(), "--initial-cluster-token", "another-cluster");
        List<ServerProcess> all = List.of(m1, m2, odd);
        String cluster = String.join(",", all.stream().map(s -> s.name() + "=" + s.peerUrl()).toList());
        all.forEach(s -> s.useInitialCluster(cluster));
        all.forEach(s -> servers.track(s.start()));
        m1.awaitReady(Duration.ofSeconds(60));
        m2.awaitReady(Duration.ofSeconds(60));

        assertThat(odd.awaitLogLine(MISMATCH, Duration.ofSeconds(60))).isNotEmpty();
        assertThat(Members.leader(List.of(m1, m2))).isIn(m1, m2);
        assertThat(Members.status(odd).map(s -> s.getLeader()).orElse(0L)).as("the odd member has no leader")
                .isZero();
    }
}
