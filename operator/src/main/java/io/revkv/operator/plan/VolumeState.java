package io.revkv.operator.plan;

import java.util.OptionalLong;

/**
 * A member's PersistentVolumeClaim as Kubernetes shows it.
 *
 * @param member      the member (and claim) name
 * @param memberId    the Raft member ID the operator recorded on the claim once that member ran on it; empty for a
 *                    claim no member has formed yet (a seed before the cluster ID is latched)
 * @param terminating it has a deletion timestamp (held back by its Pod until that goes)
 */
public record VolumeState(String member, OptionalLong memberId, boolean terminating) {

    public static VolumeState unformed(String member) {
        return new VolumeState(member, OptionalLong.empty(), false);
    }

    public static VolumeState of(String member, long memberId) {
        return new VolumeState(member, OptionalLong.of(memberId), false);
    }

    public boolean belongsTo(long id) {
        return memberId.isPresent() && memberId.getAsLong() == id;
    }
}
