package io.revkv.store.apply;

/**
 * A Put with {@code ignore_value} or {@code ignore_lease} names a key that does not exist when it runs (etcd's
 * {@code etcdserver.ErrKeyNotFound}).
 */
public final class KeyNotFoundException extends RuntimeException {
    public KeyNotFoundException() {
        super("etcdserver: key not found", null, false, false);
    }
}
