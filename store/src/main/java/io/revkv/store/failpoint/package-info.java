/**
 * Named crash points for tests, after etcd's gofail: code calls {@code Failpoints.hit("name")} at each window
 * where a crash must be survivable, and a test arms a point to throw (in-process crash tests) or to halt the JVM
 * (process-level kill tests, via the {@code failpoints} system property). Disarmed points cost one volatile read.
 */
package io.revkv.store.failpoint;
