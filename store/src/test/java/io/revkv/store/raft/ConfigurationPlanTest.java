package io.revkv.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.proto.etcdserverpb.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order in which the leader brings the Raft configuration in line with the membership, one step at a time. */
class ConfigurationPlanTest {

    private static final long A = 0xa;
    private static final long B = 0xb;
    private static final long C = 0xc;
    private static final long D = 0xd;

    @Test
    void nothingToDoWhenTheConfigurationMatches() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), Map.of());
        assertThat(plan.next(List.of(voter(A), voter(B), voter(C)), A)).isEmpty();
    }

    @Test
    void anAddedLearnerJoinsAsAListener() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), Map.of());
        assertThat(plan.next(List.of(voter(A), voter(B), voter(C), learner(D)), A)).contains(
                new ConfigurationPlan.Reconfigure(voters(A, B, C), voters(D), "add learner d"));
    }

    @Test
    void anAddedMemberWaitsUntilItHasStarted() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), Map.of());
        Member notStarted = learner(D).toBuilder().clearName().build();
        assertThat(plan.next(List.of(voter(A), voter(B), voter(C), notStarted), A)).isEmpty();
    }

    @Test
    void aPromotedLearnerMovesFromListenerToVoter() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), voters(D));
        assertThat(plan.next(List.of(voter(A), voter(B), voter(C), voter(D)), A)).contains(
                new ConfigurationPlan.Reconfigure(voters(A, B, C, D), Map.of(), "promote d"));
    }

    @Test
    void removalsComeBeforeAdditionsSoThatAMemberNotStartedBlocksNothing() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), Map.of());
        Optional<ConfigurationPlan.Step> step = plan.next(List.of(voter(A), voter(B), voter(D)), A);
        assertThat(step).contains(new ConfigurationPlan.Reconfigure(voters(A, B), Map.of(), "remove c"));
    }

    @Test
    void aRemovedLeaderHandsLeadershipToAnotherVoterFirst() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B, C), Map.of());
        assertThat(plan.next(List.of(voter(B), voter(C)), A)).contains(new ConfigurationPlan.TransferLeadership(B));
    }

    @Test
    void leadershipNeverGoesToALearner() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, D), Map.of());
        assertThat(plan.next(List.of(learner(D)), A)).isEmpty();
    }

    @Test
    void aMemberWhosePeerUrlChangedIsReachedAtItsNewAddress() {
        ConfigurationPlan plan = new ConfigurationPlan(voters(A, B), Map.of());
        Member moved = Member.newBuilder().setID(B).setName("b").addPeerURLs("http://127.0.0.9:2380").build();
        assertThat(plan.next(List.of(voter(A), moved), A)).contains(new ConfigurationPlan.Reconfigure(
                Map.of(A, "127.0.0.1:2380", B, "127.0.0.9:2380"), Map.of(), "move b"));
    }

    private static Member voter(long id) {
        return Member.newBuilder().setID(id).setName("m" + id).addPeerURLs("http://127.0.0.1:2380").build();
    }

    private static Member learner(long id) {
        return voter(id).toBuilder().setIsLearner(true).build();
    }

    private static Map<Long, String> voters(long... ids) {
        Map<Long, String> peers = new java.util.LinkedHashMap<>();
        for (long id : ids) {
            peers.put(id, "127.0.0.1:2380");
        }
        return peers;
    }
}
