package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.ServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Five members lose two, the leader among them, to kill -9 under load: the other three keep a quorum. */
class FiveMemberKillIT {

    @Test
    void killingTheLeaderAndAFollowerOfFiveLosesNoAcknowledgedWrite() {
        try (ClusterRun run = ClusterRun.start(FiveMemberKillIT.class, "two-of-five", 5, 6, 0x5_2L)) {
            run.load(Duration.ofSeconds(3));
            ServerProcess leader = run.leader();
            ServerProcess follower = run.cluster().others(leader).get(0);
            leader.kill();
            follower.kill();
            long killed = run.note("kill -9 leader " + leader.name() + " and follower " + follower.name());

            assertThat(run.leader()).as(run.report()).isNotIn(leader, follower);
            run.awaitProgressAfter(killed);
            run.load(Duration.ofSeconds(1));

            run.cluster().restart(leader, follower);
            run.note("restarted " + leader.name() + " and " + follower.name());
            run.load(Duration.ofSeconds(2));
            run.finish();
        }
    }
}
