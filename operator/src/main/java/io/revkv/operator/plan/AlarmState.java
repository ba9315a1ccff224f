package io.revkv.operator.plan;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The cluster's alarms and what reclaiming space after NOSPACE decides on.
 *
 * @param noSpace          the member IDs with a NOSPACE alarm raised
 * @param corrupt          the member IDs with a CORRUPT alarm raised
 * @param revision         the leader's current revision (its Status header), when known
 * @param compactRevision  the leader's compact revision (HashKV, asked only while NOSPACE is raised), when known
 * @param defragCompaction for each member, the compact revision its last defragmentation ran at
 *                         (status.lastDefrag[].compactRevision): defragmenting again at the same compact revision
 *                         frees nothing more
 */
public record AlarmState(Set<Long> noSpace, Set<Long> corrupt, OptionalLong revision, OptionalLong compactRevision,
                         Map<String, Long> defragCompaction) {

    /** No alarm raised. */
    public static final AlarmState NONE = new AlarmState(Set.of(), Set.of(), OptionalLong.empty(),
            OptionalLong.empty(), Map.of());

    public AlarmState {
        noSpace = Set.copyOf(noSpace);
        corrupt = Set.copyOf(corrupt);
        defragCompaction = Map.copyOf(defragCompaction);
    }

    /** The compact revision {@code member}'s last defragmentation ran at, if recorded. */
    Optional<Long> defraggedAt(String member) {
        return Optional.ofNullable(defragCompaction.get(member));
    }
}
