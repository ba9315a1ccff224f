/**
 * Crash and restart tests: real store processes killed with SIGKILL, halted at a named failpoint, or stopped after
 * their Raft log was purged, then restarted on the same data directory; nothing acknowledged may be lost and an
 * interrupted compaction must finish.
 */
package io.revkv.store.crash;
