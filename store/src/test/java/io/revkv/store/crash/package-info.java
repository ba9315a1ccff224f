/**
 * Crash tests: real store processes killed with SIGKILL, or halted at a named failpoint, then restarted on the same
 * data directory; nothing acknowledged may be lost and an interrupted compaction must finish.
 */
package io.revkv.store.crash;
