/**
 * Backups: the snapshot file that Maintenance.Snapshot streams and {@code etcdctl snapshot save} stores, and
 * {@code revkv restore}, which turns such a file into a new data directory. {@link
 * io.revkv.store.snapshot.SnapshotFile} describes the format.
 */
package io.revkv.store.snapshot;
