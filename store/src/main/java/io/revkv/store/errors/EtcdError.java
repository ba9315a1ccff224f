package io.revkv.store.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every failure a client of revkv can meet, with etcd's gRPC code and exact message (contract §11; etcd 3.4 and
 * 3.5 {@code api/v3rpc/rpctypes/error.go} and {@code toGRPCErrorMap}). Go's clientv3 turns these back into typed
 * errors by the message text, and retries on {@code Unavailable} only, so both must match etcd's byte for byte.
 *
 * <p>The one place that maps a failure to a code and a message: throw {@link #exception()}, test with
 * {@link #matches(Throwable)}, answer a client with {@link #toStatus(Throwable)}. The Raft reply carries an error by
 * its {@link #name()}, so renaming a constant changes what members of different versions understand.
 */
public enum EtcdError {
    // Request validation (v3rpc/key.go) and the applier's checks.
    KEY_NOT_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: key is not provided"),
    KEY_NOT_FOUND(Status.Code.INVALID_ARGUMENT, "etcdserver: key not found"),
    VALUE_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: value is provided"),
    LEASE_PROVIDED(Status.Code.INVALID_ARGUMENT, "etcdserver: lease is provided"),
    TOO_MANY_OPS(Status.Code.INVALID_ARGUMENT, "etcdserver: too many operations in txn request"),
    DUPLICATE_KEY(Status.Code.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request"),
    /** etcd 3.6 rejects an unknown sort enum; 3.4 and 3.5 ignore it. */
    INVALID_SORT_OPTION(Status.Code.INVALID_ARGUMENT, "etcdserver: invalid sort option"),
    REQUEST_TOO_LARGE(Status.Code.INVALID_ARGUMENT, "etcdserver: request is too large"),

    // The MVCC store and the space quota.
    COMPACTED(Status.Code.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"),
    FUTURE_REV(Status.Code.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision"),
    NO_SPACE(Status.Code.RESOURCE_EXHAUSTED, "etcdserver: mvcc: database space exceeded"),
    TOO_MANY_REQUESTS(Status.Code.RESOURCE_EXHAUSTED, "etcdserver: too many requests"),
    CORRUPT(Status.Code.DATA_LOSS, "etcdserver: corrupt cluster"),

    // Leases.
    LEASE_NOT_FOUND(Status.Code.NOT_FOUND, "etcdserver: requested lease not found"),
    LEASE_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: lease already exists"),
    TOO_LARGE_TTL(Status.Code.OUT_OF_RANGE, "etcdserver: too large lease TTL"),
    /**
     * A keep-alive reached a lessor that is not (or no longer) the leader's. etcd has no gRPC error for it: its
     * {@code lease.ErrNotPrimary} is unmapped and reaches the client as Unknown with the Go text.
     */
    NOT_PRIMARY(Status.Code.UNKNOWN, "not a primary lessor"),

    WATCH_CANCELED(Status.Code.CANCELLED, "etcdserver: watch canceled"),

    // Membership (Cluster API).
    MEMBER_NOT_FOUND(Status.Code.NOT_FOUND, "etcdserver: member not found"),
    PEER_URL_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: Peer URLs already exists"),
    MEMBER_EXIST(Status.Code.FAILED_PRECONDITION, "etcdserver: member ID already exist"),
    MEMBER_BAD_URLS(Status.Code.INVALID_ARGUMENT, "etcdserver: given member URLs are invalid"),
    MEMBER_NOT_LEARNER(Status.Code.FAILED_PRECONDITION, "etcdserver: can only promote a learner member"),
    LEARNER_NOT_READY(Status.Code.FAILED_PRECONDITION,
            "etcdserver: can only promote a learner member which is in sync with leader"),
    TOO_MANY_LEARNERS(Status.Code.FAILED_PRECONDITION, "etcdserver: too many learner members in cluster"),
    NOT_ENOUGH_STARTED_MEMBERS(Status.Code.FAILED_PRECONDITION,
            "etcdserver: re-configuration failed due to not enough started members"),
    CLUSTER_ID_MISMATCH(Status.Code.FAILED_PRECONDITION, "etcdserver: cluster ID mismatch"),
    /**
     * A learner refuses all but serializable reads and Status. Unavailable in etcd 3.4 and 3.5 (the client then
     * tries another endpoint); etcd 3.6 changed it to FailedPrecondition. revkv answers as the 3.4 it is tested
     * against.
     */
    NOT_SUPPORTED_FOR_LEARNER(Status.Code.UNAVAILABLE, "etcdserver: rpc not supported for learner"),

    // Leadership and the proposal path: Unavailable, so clients retry.
    NO_LEADER(Status.Code.UNAVAILABLE, "etcdserver: no leader"),
    /** MoveLeader asked of a member that is not the leader. */
    NOT_LEADER(Status.Code.FAILED_PRECONDITION, "etcdserver: not leader"),
    BAD_LEADER_TRANSFEREE(Status.Code.FAILED_PRECONDITION, "etcdserver: bad leader transferee"),
    /** MoveLeader that did not finish in time; etcd has no gRPC code for it (Unknown with the Go text). */
    TIMEOUT_LEADER_TRANSFER(Status.Code.UNKNOWN, "etcdserver: request timed out, leader transfer took too long"),
    LEADER_CHANGED(Status.Code.UNAVAILABLE, "etcdserver: leader changed"),
    NOT_CAPABLE(Status.Code.UNAVAILABLE, "etcdserver: not capable"),
    /** The member is stopping (or stepping down to stop): nothing it was asked will complete. */
    STOPPED(Status.Code.UNAVAILABLE, "etcdserver: server stopped"),
    TIMEOUT(Status.Code.UNAVAILABLE, "etcdserver: request timed out"),
    TIMEOUT_DUE_TO_LEADER_FAIL(Status.Code.UNAVAILABLE,
            "etcdserver: request timed out, possibly due to previous leader failure"),
    TIMEOUT_DUE_TO_CONNECTION_LOST(Status.Code.UNAVAILABLE,
            "etcdserver: request timed out, possibly due to connection lost"),
    /** etcd 3.5: a lease renewal or read waited too long for the applied index to reach the committed one. */
    TIMEOUT_WAIT_APPLIED_INDEX(Status.Code.UNAVAILABLE,
            "etcdserver: request timed out, waiting for the applied index took too long"),
    UNHEALTHY(Status.Code.UNAVAILABLE, "etcdserver: unhealthy cluster");

    private static final Map<String, EtcdError> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EtcdError::name, Function.identity()));

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

    /** The exception to throw anywhere in the store; it reaches the client as this error. */
    public EtcdException exception() {
        return new EtcdException(this);
    }

    /** This error as the gRPC status exception a service hands to its observer. */
    public StatusRuntimeException statusException() {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    /** Whether {@code t}, looked through completion wrappers, is this error. */
    public boolean matches(Throwable t) {
        return of(t).orElse(null) == this;
    }

    /** The error {@code t} carries, looked through completion wrappers; empty for any other failure. */
    public static Optional<EtcdError> of(Throwable t) {
        return unwrap(t) instanceof EtcdException e ? Optional.of(e.error()) : Optional.empty();
    }

    /** The entry named {@code name} (as the Raft reply carries it); empty for a name this version does not know. */
    public static Optional<EtcdError> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The status a client gets for {@code t}: an {@link EtcdException} becomes its error, a status passes through,
     * anything else is UNKNOWN with its message (etcd sends an unmapped error's Go text). Completion wrappers are
     * looked through.
     */
    public static StatusRuntimeException toStatus(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof EtcdException known) {
            return known.error().statusException();
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
