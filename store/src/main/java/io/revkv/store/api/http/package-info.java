/**
 * etcd's HTTP endpoints beside the gRPC API (etcd's {@code etcdhttp}): {@code /health}, {@code /livez} and
 * {@code /readyz} with etcd 3.5's checks and response texts, served on the client port (the HTTP server that also
 * serves gRPC and {@code /metrics}) and on every {@code --listen-metrics-urls} listener.
 */
package io.revkv.store.api.http;
