package io.revkv.operator.member;

/** HashKV of one member: equal hashes at the same revision and compact revision mean equal key spaces. */
public record HashKvReport(long memberId, long revision, long compactRevision, long hash) {
}
