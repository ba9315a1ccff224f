package io.revkv.store.mvcc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One change of the store: {@code main} is the write txn's revision, {@code sub} the change's position inside it.
 * Ordered by main, then sub.
 *
 * <p>On disk a revision is the key of its record in the {@code key} bucket, etcd's encoding:
 * <pre>
 *   main (8 bytes, big-endian) | '_' | sub (8 bytes, big-endian)          17 bytes, a put
 *   main (8 bytes, big-endian) | '_' | sub (8 bytes, big-endian) | 't'    18 bytes, a tombstone
 * </pre>
 * Revisions are never negative, so unsigned byte order of the keys is revision order, and a tombstone key sorts
 * right after the put key of the same revision (which never exists: a revision is either).
 */
public record Revision(long main, long sub) implements Comparable<Revision> {
    public static final int KEY_LENGTH = 17;
    public static final int TOMBSTONE_KEY_LENGTH = 18;
    private static final byte SEPARATOR = '_';
    private static final byte TOMBSTONE_MARK = 't';
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The 17-byte key of a put record. */
    public byte[] toKey() {
        return ByteBuffer.allocate(KEY_LENGTH).putLong(main).put(SEPARATOR).putLong(sub).array();
    }

    /** The 18-byte key of a tombstone record. */
    public byte[] toTombstoneKey() {
        return ByteBuffer.allocate(TOMBSTONE_KEY_LENGTH).putLong(main).put(SEPARATOR).putLong(sub)
                .put(TOMBSTONE_MARK).array();
    }

    /** The key of this revision's record, tombstone or not. */
    public byte[] toKey(boolean tombstone) {
        return tombstone ? toTombstoneKey() : toKey();
    }

    /** Parses a 17- or 18-byte record key; the tombstone mark is dropped (see {@link #isTombstoneKey}). */
    public static Revision fromKey(byte[] key) {
        return fromKey(key, key.length);
    }

    /** Parses the record key {@code key[0, length)}. */
    public static Revision fromKey(byte[] key, int length) {
        checkKey(key, length);
        return new Revision((long) BIG_ENDIAN_LONG.get(key, 0), (long) BIG_ENDIAN_LONG.get(key, 9));
    }

    /**
     * Compares this revision with the one {@code key[0, length)} encodes, put or tombstone, without decoding it:
     * what a scan of the whole {@code key} bucket does once per record.
     */
    public int compareToKey(byte[] key, int length) {
        checkKey(key, length);
        int byMain = Long.compare(main, (long) BIG_ENDIAN_LONG.get(key, 0));
        return byMain != 0 ? byMain : Long.compare(sub, (long) BIG_ENDIAN_LONG.get(key, 9));
    }

    private static void checkKey(byte[] key, int length) {
        if ((length != KEY_LENGTH && length != TOMBSTONE_KEY_LENGTH) || key[8] != SEPARATOR) {
            throw new IllegalArgumentException("not a revision key: " + length + " bytes");
        }
    }

    public static boolean isTombstoneKey(byte[] key) {
        return isTombstoneKey(key, key.length);
    }

    /** Whether the record key {@code key[0, length)} is a tombstone's. */
    public static boolean isTombstoneKey(byte[] key, int length) {
        return length == TOMBSTONE_KEY_LENGTH && key[KEY_LENGTH] == TOMBSTONE_MARK;
    }

    /** The 8-byte prefix shared by every record of {@code main}: the exclusive scan bound "before main". */
    public static byte[] mainPrefix(long main) {
        return ByteBuffer.allocate(Long.BYTES).putLong(main).array();
    }

    public boolean greaterThan(Revision other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Revision other) {
        int byMain = Long.compare(main, other.main);
        return byMain != 0 ? byMain : Long.compare(sub, other.sub);
    }

    @Override
    public String toString() {
        return main + "." + sub;
    }
}
