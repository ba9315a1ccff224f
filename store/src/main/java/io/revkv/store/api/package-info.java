/**
 * The etcd v3 gRPC surface: request validation before raft (etcd's {@code v3rpc/key.go}) and the single mapping
 * from revkv's typed domain exceptions to etcd's gRPC status codes and exact error strings ({@link
 * io.revkv.store.api.EtcdError}); Go clients recognise errors by that text.
 */
package io.revkv.store.api;
