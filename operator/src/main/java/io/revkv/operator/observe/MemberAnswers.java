package io.revkv.operator.observe;

import io.revkv.operator.member.Alarm;
import io.revkv.operator.member.GroupMember;
import io.revkv.operator.member.MemberStatusReport;
import io.revkv.operator.member.Outcome;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the members answered in one reconcile: MemberList and the alarms (asked of one member, the leader when it
 * is known), each member's own Status by member name, and the compact revision (HashKV, asked of the same member
 * only while NOSPACE is raised: reclaiming space needs it, and HashKV reads every key).
 */
public record MemberAnswers(Outcome<List<GroupMember>> membership, Outcome<List<Alarm>> alarms,
                            Map<String, Outcome<MemberStatusReport>> statuses, OptionalLong compactRevision) {

    public MemberAnswers(Outcome<List<GroupMember>> membership, Outcome<List<Alarm>> alarms,
                         Map<String, Outcome<MemberStatusReport>> statuses) {
        this(membership, alarms, statuses, OptionalLong.empty());
    }

    public MemberAnswers {
        statuses = Map.copyOf(statuses);
    }

    /** Nobody answered anything: before any Pod runs, or with every member down. */
    public static MemberAnswers none() {
        return new MemberAnswers(new Outcome.Unreachable<>("not asked"), new Outcome.Unreachable<>("not asked"), Map.of());
    }
}
