package io.revkv.store.corrupt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** etcd's initial comparison, peer by peer: only a different hash at the same compact revision stops the start. */
class InitialCheckTest {

    private static final long SELF = 0x8e9e05c52164694dL;
    private static final KvHash LOCAL = new KvHash(7, 10, 4);

    private static PeerHash answered(long id, long hash, long revision, long compactRevision) {
        return new PeerHash.Answered(id, List.of("http://127.0.0.1:" + id), new KvHash(hash, revision, compactRevision));
    }

    private static PeerHash failed(long id, PeerHash.Reason reason) {
        return new PeerHash.Failed(id, List.of("http://127.0.0.1:" + id), reason, "error of " + id);
    }

    @Test
    void peersWithTheSameHashPassSilently() {
        InitialCheck.Result result = InitialCheck.compare(SELF, LOCAL, List.of(answered(2, 7, 12, 4), answered(3, 7, 10, 4)));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aDifferentHashAtTheSameCompactRevisionIsAMismatch() {
        InitialCheck.Result result = InitialCheck.compare(SELF, LOCAL, List.of(answered(2, 7, 10, 4), answered(3, 9, 10, 4)));

        assertThat(result.passed()).isFalse();
        assertThat(result.mismatches()).isEqualTo(1);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("found different hash values from remote peer");
            assertThat(f.fields()).contains("local-member-id=8e9e05c52164694d", "remote-peer-id=3",
                    "remote-peer-hash=9", "local-member-hash=7", "remote-peer-compact-revision=4");
        });
        assertThat(InitialCheck.inconsistency(SELF)).isEqualTo("8e9e05c52164694d found data inconsistency with peers");
    }

    @Test
    void aDifferentHashAtAnotherCompactRevisionIsOnlyLogged() {
        InitialCheck.Result result = InitialCheck.compare(SELF, LOCAL, List.of(answered(2, 9, 10, 6)));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings()).extracting(Finding::message)
                .containsExactly("found different compact revision values from remote peer");
    }

    @Test
    void peersThatCannotAnswerAreLoggedAndDoNotStopTheStart() {
        InitialCheck.Result result = InitialCheck.compare(SELF, LOCAL, List.of(failed(2, PeerHash.Reason.FUTURE_REV),
                failed(3, PeerHash.Reason.COMPACTED), failed(4, PeerHash.Reason.CLUSTER_ID_MISMATCH),
                failed(5, PeerHash.Reason.UNAVAILABLE)));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "cannot fetch hash from slow remote peer",
                "cannot fetch hash from remote peer; local member is behind",
                "cluster ID mismatch");
        assertThat(result.findings().get(0).fields()).contains("remote-peer-id=2", "error=error of 2");
    }

    @Test
    void oneMismatchAmongUnreachablePeersStillStopsTheStart() {
        InitialCheck.Result result = InitialCheck.compare(SELF, LOCAL,
                List.of(failed(2, PeerHash.Reason.UNAVAILABLE), answered(3, 8, 10, 4)));

        assertThat(result.passed()).isFalse();
    }

    @Test
    void aClusterOfOneHasNothingToCompare() {
        assertThat(InitialCheck.compare(SELF, LOCAL, List.of()).passed()).isTrue();
    }
}
