/**
 * The etcd v3 gRPC API: the KV and Maintenance services, request validation before anything is proposed, the
 * response headers; errors leave through {@link io.revkv.store.errors.EtcdError#toStatus}, the one table of etcd's
 * gRPC codes and exact messages.
 */
package io.revkv.store.api;
