/**
 * Observability: the member's figures as Prometheus metrics under etcd's names (served at {@code /metrics} on the
 * client port by Quarkus Micrometer, and on the {@code --listen-metrics-urls} listeners of {@code api.http}). It
 * only reads the store, the backend and Raft, and listens to their compaction and defragmentation notifications.
 */
package io.revkv.store.metrics;
