package io.revkv.store.backend;

/** RocksDB failed: an I/O error or a corrupt database; the store cannot go on safely. */
public final class BackendException extends RuntimeException {
    public BackendException(String operation, Throwable cause) {
        super("backend " + operation + " failed: " + cause.getMessage(), cause);
    }
}
