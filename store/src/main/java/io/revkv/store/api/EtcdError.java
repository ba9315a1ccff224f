package io.revkv.store.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.revkv.store.apply.CorruptException;
import io.revkv.store.apply.KeyNotFoundException;
import io.revkv.store.apply.NoSpaceException;
import io.revkv.store.lease.LeaseExistsException;
import io.revkv.store.lease.LeaseNotFoundException;
import io.revkv.store.lease.LeaseTtlTooLargeException;
import io.revkv.store.mvcc.CompactedException;
import io.revkv.store.mvcc.FutureRevisionException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Every error revkv returns to a client, with etcd's gRPC code and exact message (contract §11; etcd's
 * {@code rpctypes}). Go's clientv3 turns these back into typed errors by the message text, so it must match byte
 * for byte.
 */
public enum EtcdError {
    KEY_NOT_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: key is not provided"),
    KEY_NOT_FOUND(Status.Code.INVALID_ARGUMENT, "etcdserver: key not found"),
    VALUE_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: value is provided"),
    LEASE_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: lease is provided"),
    TOO_MANY_OPS(Status.Code.INVALID_ARGUMENT, "etcdserver: too many operations in txn request"),
    DUPLICATE_KEY(Status.Code.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request"),
    INVALID_SORT_OPTION(Status.Code.INVALID_ARGUMENT, "etcdserver: invalid sort option"),
    REQUEST_TOO_LARGE(Status.Code.INVALID_ARGUMENT, "etcdserver: request is too large"),
    COMPACTED(Status.Code.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"),
    FUTURE_REV(Status.Code.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision"),
    NO_SPACE(Status.Code.RESOURCE_EXHAUSTED, "etcdserver: mvcc: database space exceeded"),
    LEASE_NOT_FOUND(Status.Code.NOT_FOUND, "etcdserver: requested lease not found"),
    LEASE_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: lease already exists"),
    TOO_LARGE_TTL(Status.Code.OUT_OF_RANGE, "etcdserver: too large lease TTL"),
    WATCH_CANCELED(Status.Code.CANCELLED, "etcdserver: watch canceled"),
    MEMBER_NOT_FOUND(Status.Code.NOT_FOUND, "etcdserver: member not found"),
    PEER_URL_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: Peer URLs already exists"),
    MEMBER_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: member ID already exist"),
    MEMBER_BAD_URLS(Status.Code.INVALID_ARGUMENT, "etcdserver: given member URLs are invalid"),
    MEMBER_NOT_LEARNER(Status.Code.FAILED_PRECONDITION, "etcdserver: can only promote a learner member"),
    LEARNER_NOT_READY(Status.Code.FAILED_PRECONDITION,
            "etcdserver: can only promote a learner member which is in sync with leader"),
    NOT_LEADER(Status.Code.FAILED_PRECONDITION, "etcdserver: not leader"),
    BAD_LEADER_TRANSFEREE(Status.Code.FAILED_PRECONDITION, "etcdserver: bad leader transferee"),
    NOT_ENOUGH_STARTED_MEMBERS(Status.Code.FAILED_PRECONDITION,
            "etcdserver: re-configuration failed due to not enough started members"),
    NO_LEADER(Status.Code.UNAVAILABLE, "etcdserver: no leader"),
    LEADER_CHANGED(Status.Code.UNAVAILABLE, "etcdserver: leader changed"),
    TIMEOUT(Status.Code.UNAVAILABLE, "etcdserver: request timed out"),
    STOPPED(Status.Code.UNAVAILABLE, "etcdserver: server stopped"),
    TOO_MANY_REQUESTS(Status.Code.RESOURCE_EXHAUSTED, "etcdserver: too many requests"),
    CORRUPT(Status.Code.DATA_LOSS, "etcdserver: corrupt cluster"),
    /** FailedPrecondition since etcd 3.5 (3.4 said Unavailable); the contract follows the newer etcd. */
    NOT_SUPPORTED_FOR_LEARNER(Status.Code.FAILED_PRECONDITION, "etcdserver: rpc not supported for learner");

    private static final Map<Class<? extends Throwable>, EtcdError> DOMAIN_ERRORS = Map.of(
            CompactedException.class, COMPACTED,
            FutureRevisionException.class, FUTURE_REV,
            KeyNotFoundException.class, KEY_NOT_FOUND,
            LeaseNotFoundException.class, LEASE_NOT_FOUND,
            NoSpaceException.class, NO_SPACE,
            CorruptException.class, CORRUPT,
            LeaseExistsException.class, LEASE_EXIST,
            LeaseTtlTooLargeException.class, TOO_LARGE_TTL);

    private final Status.Code code;
    private final String message;

    EtcdError(Status.Code code, String message) {
        this.code = code;
        this.message = message;
    }

    public Status.Code code() {
        return code;
    }

    public String message() {
        return message;
    }

    public StatusRuntimeException asException() {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    /**
     * The status a client gets for {@code t}: a typed domain exception becomes its etcd error, a status passes
     * through, anything else is UNKNOWN with its message (etcd sends an unmapped error's Go text). Completion
     * wrappers are looked through.
     */
    public static StatusRuntimeException toStatus(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        EtcdError known = DOMAIN_ERRORS.get(cause.getClass());
        if (known != null) {
            return known.asException();
        }
        return Status.UNKNOWN.withDescription(cause.getMessage()).withCause(cause).asRuntimeException();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
