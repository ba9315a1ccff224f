package io.revkv.store.backend;

/**
 * Receives the entries of {@link ReadSnapshot#forEachInBulk}: {@code key[0, keyLength)} and
 * {@code value[0, valueLength)}, in arrays reused for the next entry.
 */
@FunctionalInterface
public interface EntryVisitor {
    void visit(byte[] key, int keyLength, byte[] value, int valueLength);
}
