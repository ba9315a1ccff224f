package io.revkv.store.watch;

import com.google.protobuf.ByteString;
import io.revkv.store.mvcc.KeyOrder;
import java.util.Comparator;

/**
 * The keys a watcher watches, normalised as etcd's watch server does (contract §8.1): an empty key is {@code "\0"};
 * an empty range end is the single key; the one byte {@code "\0"} as range end is every key {@code >= key};
 * otherwise {@code [key, end)} in unsigned byte order.
 *
 * @param end null for a single key, empty for "every key from {@code key} on"
 */
record KeyRange(ByteString key, ByteString end) {
    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});
    private static final Comparator<ByteString> ORDER = KeyOrder.UNSIGNED;

    static KeyRange of(ByteString key, ByteString rangeEnd) {
        ByteString from = key.isEmpty() ? ZERO : key;
        if (rangeEnd.isEmpty()) {
            return new KeyRange(from, null);
        }
        return new KeyRange(from, rangeEnd.equals(ZERO) ? ByteString.EMPTY : rangeEnd);
    }

    /** A range end at or before the key: etcd refuses such a watch ("mvcc: watcher range is empty"). */
    boolean isEmpty() {
        return end != null && !end.isEmpty() && ORDER.compare(key, end) >= 0;
    }

    boolean contains(ByteString candidate) {
        if (end == null) {
            return key.equals(candidate);
        }
        return ORDER.compare(candidate, key) >= 0 && (end.isEmpty() || ORDER.compare(candidate, end) < 0);
    }
}
