/**
 * Process-level tests of the maintenance features (auto-compaction, defragmentation, metrics) against the packaged
 * revkv and, where behaviour is compared, the real etcd 3.4.
 */
package io.revkv.store.maintenance;
