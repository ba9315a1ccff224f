/**
 * Driving load: options, keys, the rate schedule (latency from each request's due time, free of coordinated
 * omission), the client threads, and the gRPC connections.
 */
package io.revkv.bench.load;
