package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.ServerProcess;
import io.revkv.testing.ServerProcesses;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
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
        assertTheOddMemberReportsTheMismatch(servers::etcd);
    }

    @Test
    void revkvNamesBothClusterIdsAsEtcdDoes() {
        assertTheOddMemberReportsTheMismatch(servers::revkv);
    }

    private void assertTheOddMemberReportsTheMismatch(BiFunction<String, String[], ServerProcess> server) {
        ServerProcess m1 = server.apply("m1", new String[0]);
        ServerProcess m2 = server.apply("m2", new String[0]);
        ServerProcess odd = server.apply("m3", new String[] {"--initial-cluster-token", "another-cluster"});
        List<ServerProcess> all = List.of(m1, m2, odd);
        String cluster = String.join(",", all.stream().map(s -> s.name() + "=" + s.peerUrl()).toList());
        all.forEach(s -> s.useInitialCluster(cluster));
        all.forEach(ServerProcess::start);
        m1.awaitReady(Duration.ofSeconds(60));
        m2.awaitReady(Duration.ofSeconds(60));

        assertThat(odd.awaitLogLine(MISMATCH, Duration.ofSeconds(60))).isNotEmpty();
        assertThat(Members.leader(List.of(m1, m2))).isIn(m1, m2);
        assertThat(Members.status(odd).map(s -> s.getLeader()).orElse(0L)).as("the odd member has no leader")
                .isZero();
    }
}
