package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import io.revkv.proto.mvccpb.KeyValue;
import io.revkv.store.errors.EtcdError;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The reference the randomized test checks the store against: the whole key space kept as a full copy per revision.
 * Obviously right and hopelessly slow, written from the contract alone (no code shared with the store).
 */
final class StoreModel {
    private static final Comparator<ByteString> UNSIGNED = ByteString.unsignedLexicographicalComparator();
    private static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    private final NavigableMap<Long, NavigableMap<ByteString, KeyValue>> states = new TreeMap<>();
    private long currentRev = 1;
    private long compactRev = -1;

    StoreModel() {
        states.put(1L, Collections.unmodifiableNavigableMap(new TreeMap<>(UNSIGNED)));
    }

    long currentRevision() {
        return currentRev;
    }

    long compactRevision() {
        return compactRev;
    }

    void compact(long revision) {
        if (revision <= compactRev) {
            throw EtcdError.COMPACTED.exception();
        }
        if (revision > currentRev) {
            throw EtcdError.FUTURE_REV.exception();
        }
        compactRev = revision;
    }

    RangeResult range(ByteString key, ByteString end, RangeOptions options) {
        return read(states.get(currentRev), currentRev, key, end, options);
    }

    private RangeResult read(NavigableMap<ByteString, KeyValue> newest, long readRev, ByteString key,
                             ByteString end, RangeOptions options) {
        if (options.revision() > readRev) {
            throw EtcdError.FUTURE_REV.exception();
        }
        long rev = options.revision() <= 0 ? readRev : options.revision();
        if (rev < compactRev) {
            throw EtcdError.COMPACTED.exception();
        }
        List<KeyValue> matching = (rev == readRev ? newest : states.get(rev)).values().stream()
                .filter(kv -> inRange(kv.getKey(), key, end)).toList();
        long limit = options.limit() <= 0 ? Long.MAX_VALUE : options.limit();
        List<KeyValue> kvs = options.countOnly() ? List.of() : matching.stream().limit(limit).toList();
        return new RangeResult(kvs, rev, matching.size());
    }

    static boolean inRange(ByteString candidate, ByteString key, ByteString end) {
        if (end.isEmpty()) {
            return candidate.equals(key);
        }
        return UNSIGNED.compare(candidate, key) >= 0 && (end.equals(ALL) || UNSIGNED.compare(candidate, end) < 0);
    }

    Txn begin() {
        return new Txn();
    }

    /** A write txn of the model: changes a copy of the newest state, which becomes the next revision if changed. */
    final class Txn {
        private final NavigableMap<ByteString, KeyValue> working = new TreeMap<>(states.get(currentRev));
        private boolean changed;

        void put(ByteString key, ByteString value, long lease) {
            long rev = currentRev + 1;
            KeyValue previous = working.get(key);
            working.put(key, KeyValue.newBuilder().setKey(key).setValue(value).setLease(lease).setModRevision(rev)
                    .setCreateRevision(previous == null ? rev : previous.getCreateRevision())
                    .setVersion(previous == null ? 1 : previous.getVersion() + 1).build());
            changed = true;
        }

        long deleteRange(ByteString key, ByteString end) {
            List<ByteString> doomed = working.keySet().stream().filter(k -> inRange(k, key, end)).toList();
            doomed.forEach(working::remove);
            changed |= !doomed.isEmpty();
            return doomed.size();
        }

        RangeResult range(ByteString key, ByteString end, RangeOptions options) {
            return read(working, changed ? currentRev + 1 : currentRev, key, end, options);
        }

        void end() {
            if (changed) {
                currentRev++;
                states.put(currentRev, Collections.unmodifiableNavigableMap(new TreeMap<>(working)));
            }
        }
    }
}
