package io.revkv.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;

/**
 * etcd's order of keys (and of values, in a Txn's compare): byte by byte, unsigned, a key before every longer key
 * it is a prefix of. Protobuf's {@link ByteString#unsignedLexicographicalComparator()} orders the same but allocates
 * two iterators and boxes every byte it compares; the index compares keys on every lookup, insert and rebuild.
 */
public final class KeyOrder {
    public static final Comparator<ByteString> UNSIGNED = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(ByteString a, ByteString b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int byByte = Integer.compare(a.byteAt(i) & 0xff, b.byteAt(i) & 0xff);
            if (byByte != 0) {
                return byByte;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
