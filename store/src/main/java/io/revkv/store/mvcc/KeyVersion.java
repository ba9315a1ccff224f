package io.revkv.store.mvcc;

/**
 * What the index knows of a key at some revision.
 *
 * @param modified the revision of the record holding the key's value at that point
 * @param created  the main revision of the put that created this generation of the key
 * @param version  the number of puts in this generation up to and including {@code modified}
 */
public record KeyVersion(Revision modified, long created, long version) {
}
