/**
 * The store pod: {@link io.revkv.store.RevkvMain} parses etcd's flags and {@link io.revkv.store.Member} assembles one
 * member from the packages below, which follow the write path: {@code api} → {@code raft} → {@code apply} →
 * {@code mvcc} → {@code backend}.
 */
package io.revkv.store;
