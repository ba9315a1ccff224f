package io.revkv.store.compat;

import com.google.protobuf.Message;
import io.grpc.Status;
import io.revkv.proto.etcdserverpb.HashKVRequest;
import io.revkv.proto.etcdserverpb.HashKVResponse;
import io.revkv.testing.Dialect;
import io.revkv.testing.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's {@code [3.4≠new]} items that the differential workload can hit, made explicit.
 *
 * <p>When the reference is etcd 3.4 and the candidate implements the {@link Dialect#NEW} behaviour, the candidate's
 * outcome is first <em>checked</em> for the new behaviour (a failed check is a violation, so a candidate that
 * behaves like 3.4 where it should not is caught, not hidden), then <em>translated</em> into what 3.4 answers, and
 * only then compared with the reference like any other outcome. Between servers of the same dialect nothing is
 * translated. One instance per run: it remembers the run's compactions.
 *
 * <p>Items the workload cannot reach (revision after restart, watch, alarms, invalid sort enums) are left to their
 * own tests; the tombstone kept at exactly compactRev (§4.2) is invisible to Range and, by design, to HashKV.
 */
public final class KnownDifferences {

    static final String COMPACTED = "etcdserver: mvcc: required revision has been compacted";

    /** The named differences. */
    public enum Name {
        /**
         * HashKVResponse.hash_revision (field 4, 3.5.5+) is absent from 3.4's answer; new versions set it to the
         * hashed revision (the request's, or the current one for revision 0).
         */
        HASHKV_HASH_REVISION_FIELD,
        /**
         * HashKV at exactly the compact revision (contract §5.2, §13.6): 3.4 answers OutOfRange "required revision
         * has been compacted"; new versions hash it, with compact_revision = hash_revision = compactRev.
         */
        HASHKV_AT_COMPACT_REVISION,
        /**
         * HashKV at the target C of one of the last 10 compactions (contract §5.2, server-side cache): new versions
         * answer from the cache even when C is below the current compact revision, with the hash the compaction
         * computed (= what HashKV(C) gave just before that compaction) and compact_revision = the compact revision
         * before it. 3.4 answers "required revision has been compacted". The cache entry exists only if the
         * compaction before it had finished, so a plain (uncached) answer is accepted too.
         */
        HASHKV_COMPACTION_HASH_CACHE
    }

    /**
     * A candidate outcome as the reference dialect would have given it.
     *
     * @param asReference the outcome to compare with the reference server's
     * @param applied     the named differences that were applied
     * @param violations  ways the candidate failed to show the behaviour its dialect requires
     */
    public record Translation(Outcome asReference, List<Name> applied, List<String> violations) {
    }

    /** A successful compaction to {@code target}; {@code hashBefore} is the reference's HashKV(target) or null. */
    private record Compaction(long target, long previousCompactRevision, Long hashBefore) {
    }

    private final Dialect reference;
    private final Dialect candidate;
    private final Map<Long, Compaction> compactions = new HashMap<>();

    public KnownDifferences(Dialect reference, Dialect candidate) {
        this.reference = reference;
        this.candidate = candidate;
    }

    /** Whether the candidate needs translating at all. */
    public boolean active() {
        return reference == Dialect.ETCD_3_4 && candidate == Dialect.NEW;
    }

    /**
     * Records a successful compaction to {@code target}, made when the compact revision was
     * {@code previousCompactRevision}; {@code hashBefore} is the reference's HashKV(target) taken just before it
     * (null when it was not deterministic then).
     */
    public void compacted(long target, long previousCompactRevision, Long hashBefore) {
        compactions.put(target, new Compaction(target, previousCompactRevision, hashBefore));
    }

    /**
     * @param compactRevision the store's compact revision before {@code request} (−1 if never compacted)
     */
    public Translation translate(Message request, Outcome outcome, long compactRevision) {
        List<Name> applied = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        Outcome result = outcome;
        if (active() && request instanceof HashKVRequest hashKv) {
            result = hashKv(hashKv.getRevision(), outcome, compactRevision, applied, violations);
        }
        return new Translation(result, List.copyOf(applied), List.copyOf(violations));
    }

    private Outcome hashKv(long revision, Outcome outcome, long compactRevision, List<Name> applied,
            List<String> violations) {
        boolean compactedIn34 = revision > 0 && revision <= compactRevision;
        if (!outcome.isOk()) {
            if (revision > 0 && revision == compactRevision) {
                violations.add(Name.HASHKV_AT_COMPACT_REVISION + ": HashKV at exactly compactRev " + revision
                        + " must succeed in the new behaviour, got " + outcome);
            }
            return outcome;
        }
        HashKVResponse response = (HashKVResponse) outcome.response();
        long expectedHashRevision = revision == 0 ? response.getHeader().getRevision() : revision;
        check(violations, Name.HASHKV_HASH_REVISION_FIELD, "hash_revision", response.getHashRevision(),
                expectedHashRevision);
        applied.add(Name.HASHKV_HASH_REVISION_FIELD);
        if (!compactedIn34) {
            return Outcome.ok(response.toBuilder().clearHashRevision().build());
        }
        Compaction cached = compactions.get(revision);
        if (cached != null && response.getCompactRevision() == cached.previousCompactRevision()) {
            applied.add(Name.HASHKV_COMPACTION_HASH_CACHE);
            if (cached.hashBefore() != null) {
                check(violations, Name.HASHKV_COMPACTION_HASH_CACHE, "cached hash (= HashKV(" + revision
                        + ") just before that compaction)", Integer.toUnsignedLong(response.getHash()),
                        cached.hashBefore());
            }
        } else if (revision == compactRevision) {
            applied.add(Name.HASHKV_AT_COMPACT_REVISION);
            check(violations, Name.HASHKV_AT_COMPACT_REVISION, "compact_revision", response.getCompactRevision(),
                    compactRevision);
        } else {
            violations.add("HashKV at " + revision + " < compactRev " + compactRevision + " succeeded, but it is"
                    + " neither a cached compaction hash (compact_revision "
                    + (cached == null ? "n/a: no compaction to it" : cached.previousCompactRevision())
                    + ") nor the compact revision: " + response);
        }
        return Outcome.error(Status.Code.OUT_OF_RANGE, COMPACTED);
    }

    private static void check(List<String> violations, Name name, String what, long actual, long expected) {
        if (actual != expected) {
            violations.add(name + ": " + what + " is " + actual + ", expected " + expected);
        }
    }
}
