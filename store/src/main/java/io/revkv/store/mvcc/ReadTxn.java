package io.revkv.store.mvcc;

/** A read-only view that must be closed: it pins a backend snapshot. */
public interface ReadTxn extends ReadView, AutoCloseable {
    @Override
    void close();
}
