package io.revkv.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.testing.ServerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGSTOP freezes members with their sockets open, as a partition or a long pause would: peers and clients see
 * members that accept connections and answer nothing.
 */
class PauseIT {

    @Test
    void pausingAFollowerAndThenTheLeaderKeepsTheClusterWriting() {
        try (ClusterRun run = ClusterRun.start(PauseIT.class, "minority", 3, 5, 0x57_0BL)) {
            run.load(Duration.ofSeconds(2));
            ServerProcess leader = run.leader();
            ServerProcess follower = run.cluster().others(leader).get(0);
            follower.pause();
            long followerPaused = run.note("SIGSTOP follower " + follower.name());
            run.awaitProgressAfter(followerPaused);
            run.load(Duration.ofSeconds(1));
            follower.resume();
            run.note("SIGCONT " + follower.name());
            run.load(Duration.ofSeconds(2));

            leader.pause();
            long leaderPaused = run.note("SIGSTOP leader " + leader.name());
            ServerProcess next = run.leader();
            assertThat(next).as(run.report()).isNotSameAs(leader);
            run.awaitProgressAfter(leaderPaused);
            run.load(Duration.ofSeconds(1));
            leader.resume();
            run.note("SIGCONT " + leader.name());
            run.load(Duration.ofSeconds(2));
            run.finish();
        }
    }

    @Test
    void pausingAMajorityStopsWritesUntilItResumes() {
        try (ClusterRun run = ClusterRun.start(PauseIT.class, "majority", 3, 5, 0x4A_1017L)) {
            run.load(Duration.ofSeconds(2));
            ServerProcess leader = run.leader();
            List<ServerProcess> followers = run.cluster().others(leader);
            followers.forEach(ServerProcess::pause);
            long paused = run.note("SIGSTOP followers " + followers.get(0).name() + " and " + followers.get(1).name()
                    + "; " + leader.name() + " alone");
            run.load(Duration.ofSeconds(5));
            long resuming = run.note("SIGCONT both");
            assertThat(run.writesAcknowledgedWithin(paused, resuming))
                    .as("writes sent while a majority was paused must fail or time out\n" + run.report())
                    .isEmpty();
            followers.forEach(ServerProcess::resume);

            run.leader();
            run.awaitProgressAfter(resuming);
            run.load(Duration.ofSeconds(1));
            run.finish();
        }
    }
}
