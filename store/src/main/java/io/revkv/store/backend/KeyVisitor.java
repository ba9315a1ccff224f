package io.revkv.store.backend;

/** Receives the keys of {@link ReadSnapshot#scanKeys}: {@code key[0, length)}, in an array reused for the next key. */
@FunctionalInterface
public interface KeyVisitor {
    void visit(byte[] key, int length);
}
