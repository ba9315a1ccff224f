package io.revkv.store.backend;

/** One key-value pair of a bucket; the arrays are owned by the caller. */
public record BucketEntry(byte[] key, byte[] value) {
}
