package io.revkv.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.store.apply.CorruptException;
import io.revkv.store.apply.KeyNotFoundException;
import io.revkv.store.apply.NoSpaceException;
import io.revkv.store.mvcc.CompactedException;
import io.revkv.store.mvcc.FutureRevisionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdErrorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            KEY_NOT_PROVIDED          | INVALID_ARGUMENT    | etcdserver: key is not provided
            KEY_NOT_FOUND             | INVALID_ARGUMENT    | etcdserver: key not found
            VALUE_PROVIDED            | INVALID_ARGUMENT    | etcdserver: value is provided
            LEASE_PROVIDED            | INVALID_ARGUMENT    | etcdserver: lease is provided
            TOO_MANY_OPS              | INVALID_ARGUMENT    | etcdserver: too many operations in txn request
            DUPLICATE_KEY             | INVALID_ARGUMENT    | etcdserver: duplicate key given in txn request
            INVALID_SORT_OPTION       | INVALID_ARGUMENT    | etcdserver: invalid sort option
            REQUEST_TOO_LARGE         | INVALID_ARGUMENT    | etcdserver: request is too large
            COMPACTED                 | OUT_OF_RANGE        | etcdserver: mvcc: required revision has been compacted
            FUTURE_REV                | OUT_OF_RANGE        | etcdserver: mvcc: required revision is a future revision
            NO_SPACE                  | RESOURCE_EXHAUSTED  | etcdserver: mvcc: database space exceeded
            LEASE_NOT_FOUND           | NOT_FOUND           | etcdserver: requested lease not found
            LEASE_EXIST               | FAILED_PRECONDITION | etcdserver: lease already exists
            TOO_LARGE_TTL             | OUT_OF_RANGE        | etcdserver: too large lease TTL
            WATCH_CANCELED            | CANCELLED           | etcdserver: watch canceled
            MEMBER_NOT_FOUND          | NOT_FOUND           | etcdserver: member not found
            PEER_URL_EXIST            | FAILED_PRECONDITION | etcdserver: Peer URLs already exists
            MEMBER_EXIST              | FAILED_PRECONDITION | etcdserver: member ID already exist
            MEMBER_BAD_URLS           | INVALID_ARGUMENT    | etcdserver: given member URLs are invalid
            MEMBER_NOT_LEARNER        | FAILED_PRECONDITION | etcdserver: can only promote a learner member
            LEARNER_NOT_READY         | FAILED_PRECONDITION | etcdserver: can only promote a learner member which is in sync with leader
            NOT_LEADER                | FAILED_PRECONDITION | etcdserver: not leader
            BAD_LEADER_TRANSFEREE     | FAILED_PRECONDITION | etcdserver: bad leader transferee
            NOT_ENOUGH_STARTED_MEMBERS | FAILED_PRECONDITION | etcdserver: re-configuration failed due to not enough started members
            NO_LEADER                 | UNAVAILABLE         | etcdserver: no leader
            LEADER_CHANGED            | UNAVAILABLE         | etcdserver: leader changed
            TIMEOUT                   | UNAVAILABLE         | etcdserver: request timed out
            STOPPED                   | UNAVAILABLE         | etcdserver: server stopped
            TOO_MANY_REQUESTS         | RESOURCE_EXHAUSTED  | etcdserver: too many requests
            CORRUPT                   | DATA_LOSS           | etcdserver: corrupt cluster
            NOT_SUPPORTED_FOR_LEARNER | FAILED_PRECONDITION | etcdserver: rpc not supported for learner
            """)
    void eachErrorCarriesEtcdsCodeAndExactMessage(EtcdError error, Status.Code code, String message) {
        StatusRuntimeException e = error.asException();

        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).isEqualTo(message);
    }

    @Test
    void compactedExceptionMapsToOutOfRangeCompacted() {
        assertStatus(EtcdError.toStatus(new CompactedException()), EtcdError.COMPACTED);
    }

    @Test
    void futureRevisionExceptionMapsToOutOfRangeFutureRev() {
        assertStatus(EtcdError.toStatus(new FutureRevisionException()), EtcdError.FUTURE_REV);
    }

    @Test
    void keyNotFoundExceptionMapsToInvalidArgumentKeyNotFound() {
        assertStatus(EtcdError.toStatus(new KeyNotFoundException()), EtcdError.KEY_NOT_FOUND);
    }

    @Test
    void noSpaceExceptionMapsToResourceExhaustedDatabaseSpaceExceeded() {
        assertStatus(EtcdError.toStatus(new NoSpaceException()), EtcdError.NO_SPACE);
    }

    @Test
    void corruptExceptionMapsToDataLossCorruptCluster() {
        assertStatus(EtcdError.toStatus(new CorruptException()), EtcdError.CORRUPT);
    }

    @Test
    void domainExceptionInsideCompletionAndExecutionWrappersIsUnwrapped() {
        Throwable wrapped = new CompletionException(new ExecutionException(new CompactedException()));

        assertStatus(EtcdError.toStatus(wrapped), EtcdError.COMPACTED);
    }

    @Test
    void statusRuntimeExceptionPassesThroughUnchanged() {
        StatusRuntimeException noLeader = EtcdError.NO_LEADER.asException();

        assertThat(EtcdError.toStatus(new CompletionException(noLeader))).isSameAs(noLeader);
    }

    @Test
    void unknownExceptionBecomesUnknownWithItsMessage() {
        StatusRuntimeException e = EtcdError.toStatus(new IllegalStateException("disk on fire"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(e.getStatus().getDescription()).isEqualTo("disk on fire");
    }

    private static void assertStatus(StatusRuntimeException e, EtcdError expected) {
        assertThat(e.getStatus().getCode()).isEqualTo(expected.code());
        assertThat(e.getStatus().getDescription()).isEqualTo(expected.message());
    }
}
