package io.revkv.store.compat;

import static io.revkv.testing.Protos.bytes;
import static io.revkv.testing.Protos.utf8;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Random;

/**
 * The workload's small universe of keys, values and range bounds.
 *
 * <p>At most 12 keys ever exist, so every sorted Range result has at most 12 elements. etcd 3.4.23 is built with
 * Go 1.19, whose {@code sort.Sort} (pdqsort) uses plain insertion sort up to 12 elements: stable. Ties in a
 * non-key sort target then keep key order (ascending and descending alike, since etcd sorts with
 * {@code sort.Reverse}), which is exactly what a stable Java sort gives. More keys would make tie order
 * implementation-defined and the comparison flaky.
 *
 * <p>Two keys start with bytes ≥ 0x80 to catch signed-byte ordering (contract §13.23).
 */
final class KeySpace {

    /** The 12 keys, in unsigned byte order. */
    static final List<ByteString> KEYS = List.of(
            utf8("a"), utf8("b"), utf8("c"), utf8("d"), utf8("e"), utf8("f"), utf8("g"), utf8("h"),
            utf8("k/1"), utf8("k/2"), bytes(0x80, 0x61), bytes(0xff, 0x01));

    /** Values, including the empty value and non-UTF-8 bytes. */
    static final List<ByteString> VALUES = List.of(
            ByteString.EMPTY, utf8("v1"), utf8("v2"), utf8("x"), bytes(0x00), bytes(0xff, 0x80), utf8("v1v1"));

    /** Candidate range ends besides the keys themselves: between, around and beyond the keys. */
    static final List<ByteString> BOUNDS = List.of(
            utf8("0"), utf8("a"), utf8("c"), utf8("e\0"), utf8("h"), utf8("k/"), utf8("k/2"), utf8("k0"),
            utf8("z"), bytes(0x80), bytes(0x80, 0x61, 0x00), bytes(0xff), bytes(0xff, 0x01), bytes(0xff, 0xff));

    /** The one-byte {@code "\0"}: as range_end it means "every key ≥ key"; as key with it, every key. */
    static final ByteString ZERO = bytes(0x00);

    private KeySpace() {
    }

    /** A key and range end, as taken by Range, DeleteRange and Compare. An empty end is a single-key op. */
    record KeyRange(ByteString key, ByteString end) {
    }

    static ByteString key(Random random) {
        return KEYS.get(random.nextInt(KEYS.size()));
    }

    static ByteString value(Random random) {
        return VALUES.get(random.nextInt(VALUES.size()));
    }

    static ByteString bound(Random random) {
        return random.nextBoolean() ? key(random) : BOUNDS.get(random.nextInt(BOUNDS.size()));
    }

    /**
     * A key/range_end in one of the forms of contract §2.2: single key, [key, end) (possibly end ≤ key, which is an
     * empty range), key + "\0", "\0" + "\0" (everything), a prefix, the absent key "\0", and rarely an empty key
     * (InvalidArgument "etcdserver: key is not provided").
     */
    static KeyRange range(Random random) {
        int p = random.nextInt(100);
        if (p < 35) {
            return new KeyRange(key(random), ByteString.EMPTY);
        } else if (p < 60) {
            return new KeyRange(bound(random), bound(random));
        } else if (p < 70) {
            return new KeyRange(bound(random), ZERO);
        } else if (p < 79) {
            return new KeyRange(ZERO, ZERO);
        } else if (p < 89) {
            return new KeyRange(utf8("k/"), utf8("k0"));
        } else if (p < 93) {
            return random.nextBoolean() ? new KeyRange(bytes(0x80), bytes(0x81)) : new KeyRange(bytes(0xff), ZERO);
        } else if (p < 98) {
            return new KeyRange(ZERO, ByteString.EMPTY);
        }
        return new KeyRange(ByteString.EMPTY, random.nextBoolean() ? ByteString.EMPTY : ZERO);
    }
}
