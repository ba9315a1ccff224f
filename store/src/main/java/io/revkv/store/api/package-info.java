/**
 * The etcd v3 gRPC API: the KV and Maintenance services, request validation before anything is proposed, the
 * response headers, and the one mapping of typed errors to etcd's gRPC codes and exact messages.
 */
package io.revkv.store.api;
