package io.revkv.operator.member;

/** A raised alarm: NOSPACE or CORRUPT, on one member. */
public record Alarm(long memberId, String type) {
}
