/**
 * Typed configuration. The store's user interface is etcd's own command line: {@link io.revkv.store.config.EtcdFlags}
 * accepts etcd's flag names (and {@code ETCD_*} environment variables), so an etcd manifest starts revkv unchanged;
 * the parsed flags become Quarkus configuration read through {@link io.revkv.store.config.StoreConfig}.
 */
package io.revkv.store.config;
