/**
 * The auto-compactor (etcd's {@code v3compactor}): {@link io.revkv.store.compactor.PeriodicCompactor} keeps a
 * retention period of history, {@link io.revkv.store.compactor.RevisionCompactor} a number of revisions. Only the
 * Raft leader compacts: {@link io.revkv.store.compactor.AutoCompaction} pauses the compactor when leadership is lost
 * and resumes it when regained, and proposes each compaction through Raft, so every member compacts at the same
 * revision. Time comes from an injected {@link io.revkv.store.compactor.Clock}, so the timelines are tested with a
 * fake clock.
 */
package io.revkv.store.compactor;
