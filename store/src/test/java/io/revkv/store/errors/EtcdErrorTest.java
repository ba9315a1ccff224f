package io.revkv.store.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EtcdErrorTest {

    /**
     * etcd's table, written out again by hand from rpctypes/error.go (3.4 and 3.5) and toGRPCErrorMap, so that a
     * slip in either copy fails. Every entry of the enum must appear here.
     */
    private static final String ETCD = """
            KEY_NOT_PROVIDED               | INVALID_ARGUMENT    | etcdserver: key is not provided
            KEY_NOT_FOUND                  | INVALID_ARGUMENT    | etcdserver: key not found
            VALUE_PROVIDED                 | INVALID_ARGUMENT    | etcdserver: value is provided
            LEASE_PROVIDED                 | INVALID_ARGUMENT    | etcdserver: lease is provided
            TOO_MANY_OPS                   | INVALID_ARGUMENT    | etcdserver: too many operations in txn request
            DUPLICATE_KEY                  | INVALID_ARGUMENT    | etcdserver: duplicate key given in txn request
            INVALID_SORT_OPTION            | INVALID_ARGUMENT    | etcdserver: invalid sort option
            REQUEST_TOO_LARGE              | INVALID_ARGUMENT    | etcdserver: request is too large
            COMPACTED                      | OUT_OF_RANGE        | etcdserver: mvcc: required revision has been compacted
            FUTURE_REV                     | OUT_OF_RANGE        | etcdserver: mvcc: required revision is a future revision
            NO_SPACE                       | RESOURCE_EXHAUSTED  | etcdserver: mvcc: database space exceeded
            TOO_MANY_REQUESTS              | RESOURCE_EXHAUSTED  | etcdserver: too many requests
            CORRUPT                        | DATA_LOSS           | etcdserver: corrupt cluster
            LEASE_NOT_FOUND                | NOT_FOUND           | etcdserver: requested lease not found
            LEASE_EXIST                    | FAILED_PRECONDITION | etcdserver: lease already exists
            TOO_LARGE_TTL                  | OUT_OF_RANGE        | etcdserver: too large lease TTL
            NOT_PRIMARY                    | UNKNOWN             | not a primary lessor
            WATCH_CANCELED                 | CANCELLED           | etcdserver: watch canceled
            MEMBER_NOT_FOUND               | NOT_FOUND           | etcdserver: member not found
            PEER_URL_EXIST                 | FAILED_PRECONDITION | etcdserver: Peer URLs already exists
            MEMBER_EXIST                   | FAILED_PRECONDITION | etcdserver: member ID already exist
            MEMBER_BAD_URLS                | INVALID_ARGUMENT    | etcdserver: given member URLs are invalid
            MEMBER_NOT_LEARNER             | FAILED_PRECONDITION | etcdserver: can only promote a learner member
            LEARNER_NOT_READY              | FAILED_PRECONDITION | etcdserver: can only promote a learner member which is in sync with leader
            TOO_MANY_LEARNERS              | FAILED_PRECONDITION | etcdserver: too many learner members in cluster
            NOT_ENOUGH_STARTED_MEMBERS     | FAILED_PRECONDITION | etcdserver: re-configuration failed due to not enough started members
            CLUSTER_ID_MISMATCH            | FAILED_PRECONDITION | etcdserver: cluster ID mismatch
            NOT_SUPPORTED_FOR_LEARNER      | UNAVAILABLE         | etcdserver: rpc not supported for learner
            NO_LEADER                      | UNAVAILABLE         | etcdserver: no leader
            NOT_LEADER                     | FAILED_PRECONDITION | etcdserver: not leader
            BAD_LEADER_TRANSFEREE          | FAILED_PRECONDITION | etcdserver: bad leader transferee
            TIMEOUT_LEADER_TRANSFER        | UNKNOWN             | etcdserver: request timed out, leader transfer took too long
            LEADER_CHANGED                 | UNAVAILABLE         | etcdserver: leader changed
            NOT_CAPABLE                    | UNAVAILABLE         | etcdserver: not capable
            STOPPED                        | UNAVAILABLE         | etcdserver: server stopped
            TIMEOUT                        | UNAVAILABLE         | etcdserver: request timed out
            TIMEOUT_DUE_TO_LEADER_FAIL     | UNAVAILABLE         | etcdserver: request timed out, possibly due to previous leader failure
            TIMEOUT_DUE_TO_CONNECTION_LOST | UNAVAILABLE         | etcdserver: request timed out, possibly due to connection lost
            TIMEOUT_WAIT_APPLIED_INDEX     | UNAVAILABLE         | etcdserver: request timed out, waiting for the applied index took too long
            UNHEALTHY                      | UNAVAILABLE         | etcdserver: unhealthy cluster
            """;

    static Stream<Arguments> etcdsTable() {
        return ETCD.lines().map(line -> line.split("\\|"))
                .map(cells -> Arguments.of(EtcdError.valueOf(cells[0].strip()), Status.Code.valueOf(cells[1].strip()),
                        cells[2].strip()));
    }

    @Test
    void everyEntryIsInEtcdsTableOnce() {
        assertThat(etcdsTable().map(row -> (EtcdError) row.get()[0]))
                .containsExactlyInAnyOrder(EtcdError.values());
    }

    @ParameterizedTest
    @MethodSource("etcdsTable")
    void eachErrorReachesTheClientWithEtcdsCodeAndExactMessage(EtcdError error, Status.Code code, String message) {
        StatusRuntimeException status = EtcdError.toStatus(error.exception());

        assertThat(status.getStatus().getCode()).isEqualTo(code);
        assertThat(status.getStatus().getDescription()).isEqualTo(message);
        assertThat(error.statusException().getStatus().getCode()).isEqualTo(code);
        assertThat(error.statusException().getStatus().getDescription()).isEqualTo(message);
    }

    @ParameterizedTest
    @EnumSource(EtcdError.class)
    void anExceptionCarriesItsErrorAndMessage(EtcdError error) {
        EtcdException e = error.exception();

        assertThat(e.error()).isSameAs(error);
        assertThat(e).hasMessage(error.message());
        assertThat(error.matches(e)).isTrue();
        assertThat(EtcdError.byName(error.name())).contains(error);
    }

    @Test
    void anExceptionMatchesOnlyItsOwnError() {
        EtcdException compacted = EtcdError.COMPACTED.exception();

        assertThat(Arrays.stream(EtcdError.values()).filter(error -> error.matches(compacted)))
                .containsExactly(EtcdError.COMPACTED);
        assertThat(EtcdError.COMPACTED.matches(new IllegalStateException("etcdserver: mvcc: required revision has"
                + " been compacted"))).isFalse();
    }

    @Test
    void anErrorInsideCompletionAndExecutionWrappersIsUnwrapped() {
        Throwable wrapped = new CompletionException(new ExecutionException(EtcdError.TIMEOUT.exception()));

        StatusRuntimeException status = EtcdError.toStatus(wrapped);

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getStatus().getDescription()).isEqualTo("etcdserver: request timed out");
        assertThat(EtcdError.TIMEOUT.matches(wrapped)).isTrue();
        assertThat(EtcdError.of(wrapped)).contains(EtcdError.TIMEOUT);
    }

    @Test
    void aStatusPassesThroughUnchanged() {
        StatusRuntimeException noLeader = EtcdError.NO_LEADER.statusException();

        assertThat(EtcdError.toStatus(new CompletionException(noLeader))).isSameAs(noLeader);
    }

    @Test
    void anyOtherFailureIsUnknownWithItsMessage() {
        StatusRuntimeException status = EtcdError.toStatus(new IllegalStateException("disk on fire"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(status.getStatus().getDescription()).isEqualTo("disk on fire");
        assertThat(EtcdError.of(new IllegalStateException("disk on fire"))).isEmpty();
    }

    @Test
    void aNameThisVersionDoesNotKnowIsNoError() {
        assertThat(EtcdError.byName("")).isEmpty();
        assertThat(EtcdError.byName("CompactedException")).isEmpty();
    }
}
