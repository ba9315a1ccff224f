package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.ServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the leader of three members while clients write through every member, then its restart. The clients
 * of the followers had their requests forwarded to the killed leader: they must get etcd's errors, never UNKNOWN.
 */
class LeaderKillIT {

    @Test
    void killingTheLeaderUnderConcurrentWritersLosesNoAcknowledgedWrite() {
        try (ClusterRun run = ClusterRun.start(LeaderKillIT.class, "leader-kill", 3, 5, 0x1EAD_E5L)) {
            run.load(Duration.ofSeconds(3));
            ServerProcess leader = run.leader();
            leader.kill();
            long killed = run.note("kill -9 " + leader.name());

            ServerProcess next = run.leader();
            assertThat(next).as(run.report()).isNotSameAs(leader);
            run.awaitProgressAfter(killed);
            run.load(Duration.ofSeconds(1));

            run.cluster().restart(leader);
            run.note("restarted " + leader.name());
            run.load(Duration.ofSeconds(2));
            run.finish();
            run.assertNoUnknownFailure();
        }
    }
}
