package io.revkv.operator.status;

import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * status.lastDefrag: the previous status' records, the member just defragmented replacing its own (a failed attempt
 * only adds its failedTime and failure to the member's last success); one record per
 * member, by name. A member removed from the group keeps its record until a member of that name is defragmented
 * again (harmless: the planner only looks up members of the group).
 */
public final class DefragHistory {

    private DefragHistory() {
    }

    /** A failure keeps the member's last success (time, reason, sizes) and adds when and why it failed. */
    private static DefragRecord failedSince(Optional<DefragRecord> lastSuccess, DefragRecord failure) {
        DefragRecord merged = lastSuccess.map(s -> new DefragRecord(s.getName(), s.getTime(), s.getReason(),
                s.getDbSizeBefore(), s.getDbSizeAfter(), s.getDbSizeInUseAfter())).orElseGet(DefragRecord::new);
        merged.setName(failure.getName());
        merged.setFailedTime(failure.getFailedTime());
        merged.setFailure(failure.getFailure());
        return merged;
    }

    public static List<DefragRecord> merge(KVClusterStatus previous, Optional<DefragRecord> latest) {
        List<DefragRecord> records = new ArrayList<>(previous == null || previous.getLastDefrag() == null
                ? List.of() : previous.getLastDefrag());
        latest.ifPresent(r -> {
            Optional<DefragRecord> old = records.stream().filter(o -> r.getName().equals(o.getName())).findFirst();
            records.removeIf(o -> r.getName().equals(o.getName()));
            records.add(r.getFailedTime() == null ? r : failedSince(old, r));
        });
        records.sort(Comparator.comparing(DefragRecord::getName));
        return records;
    }
}
