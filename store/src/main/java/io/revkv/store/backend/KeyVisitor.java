package io.revkv.store.backend;

/** Receives the keys of {@link ReadSnapshot#scanKeys}: {@code key[0, length)}, in an array reused for the next key. */
@FunctionalInterface
public interface KeyVisitor {
    void visit(byte[] key, int length);

    /** The same, with the length of the key's value (read without copying the value), for who counts bytes. */
    default void visit(byte[] key, int length, int valueLength) {
        visit(key, length);
    }
}
