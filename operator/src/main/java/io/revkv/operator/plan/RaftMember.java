package io.revkv.operator.plan;

/**
 * One entry of the Raft group's membership (MemberList), with its name resolved from its peer URL, since a member
 * added but not yet started reports no name of its own.
 *
 * @param id      the member ID
 * @param name    the member name its peer URL names
 * @param learner not yet a voter
 * @param started it has run and published its name (MemberList's name is non-empty)
 */
public record RaftMember(long id, String name, boolean learner, boolean started) {

    public static RaftMember voter(long id, String name) {
        return new RaftMember(id, name, false, true);
    }

    public static RaftMember learner(long id, String name, boolean started) {
        return new RaftMember(id, name, true, started);
    }
}
