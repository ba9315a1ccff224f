/**
 * JMH microbenchmarks of the engine's hot paths, on revkv-store's classes directly (no gRPC, no Raft). Not tests:
 * run them with {@code java -cp bench/target/revkv-bench.jar org.openjdk.jmh.Main} (see docs/performance.md).
 */
package io.revkv.bench.jmh;
