package io.revkv.store.corrupt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * etcd's periodic comparison on the leader: the leader's hash before and after a read index, and each follower's
 * hash at the leader's first revision.
 */
class PeriodicCheckTest {

    private static final KvHash BEFORE = new KvHash(7, 10, 4);

    private static PeerHash follower(long id, long hash, long revision, long compactRevision) {
        return new PeerHash.Answered(id, List.of("http://127.0.0.1:" + id), new KvHash(hash, revision, compactRevision));
    }

    @Test
    void followersWithTheLeadersHashAreNotCorrupt() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, new KvHash(11, 12, 4),
                List.of(follower(2, 7, 10, 4), follower(3, 7, 12, 4)));

        assertThat(result.corrupt()).isFalse();
        assertThat(result.findings()).isEmpty();
        assertThat(result.checked()).isEqualTo(2);
    }

    @Test
    void aFollowerWithAnotherHashAtTheLeadersCompactRevisionIsCorrupt() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, BEFORE,
                List.of(follower(2, 7, 10, 4), follower(3, 9, 10, 4)));

        assertThat(result.corrupt()).isTrue();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("same compact revision then hashes must match");
            assertThat(f.fields()).contains("leader-hash=7", "follower-hash=9", "follower-peer-id=3");
        });
    }

    @Test
    void aFollowerThatCompactedDifferentlyIsNotCompared() {
        // The follower has compacted up to 3 and the leader to 4 meanwhile: different history hashed, no verdict.
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, new KvHash(8, 11, 5),
                List.of(follower(2, 9, 10, 3)));

        assertThat(result.corrupt()).isFalse();
    }

    @Test
    void aFollowerAheadOfTheLeadersRevisionIsCorrupt() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, new KvHash(8, 11, 4),
                List.of(follower(2, 7, 12, 4)));

        assertThat(result.corrupt()).isTrue();
        assertThat(result.findings()).extracting(Finding::message)
                .containsExactly("revision from follower must be less than or equal to leader's");
    }

    @Test
    void aFollowerCompactedBeyondTheLeaderIsCorrupt() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, new KvHash(8, 11, 4),
                List.of(follower(2, 5, 11, 6)));

        assertThat(result.corrupt()).isTrue();
        assertThat(result.findings()).extracting(Finding::message)
                .containsExactly("compact revision from follower must be less than or equal to leader's");
    }

    @Test
    void theLeadersOwnHashChangingAtTheSameRevisionIsCorrupt() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, new KvHash(8, 10, 4), List.of());

        assertThat(result.corrupt()).isTrue();
        assertThat(result.findings()).extracting(Finding::message).containsExactly("found hash mismatch");
    }

    @Test
    void theLeadersHashMovingWithItsRevisionIsNormal() {
        assertThat(PeriodicCheck.compare(BEFORE, new KvHash(8, 11, 4), List.of()).corrupt()).isFalse();
    }

    @Test
    void followersThatCannotAnswerAreSkipped() {
        PeriodicCheck.Result result = PeriodicCheck.compare(BEFORE, BEFORE, List.of(
                new PeerHash.Failed(2, List.of("http://127.0.0.1:2"), PeerHash.Reason.UNAVAILABLE, "refused"),
                new PeerHash.Failed(3, List.of("http://127.0.0.1:3"), PeerHash.Reason.FUTURE_REV, "behind")));

        assertThat(result.corrupt()).isFalse();
        assertThat(result.checked()).isZero();
    }

    @Test
    void theAlarmNamesNoMemberAsEtcd34And35Do() {
        assertThat(PeriodicCheck.ALARM_MEMBER_ID).isZero();
    }
}
