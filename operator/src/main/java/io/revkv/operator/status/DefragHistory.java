package io.revkv.operator.status;

import io.revkv.operator.v1alpha1.DefragRecord;
import io.revkv.operator.v1alpha1.KVClusterStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * status.lastDefrag: the previous status' records, the member just defragmented replacing its own; one record per
 * member, by name. A member removed from the group keeps its record until a member of that name is defragmented
 * again (harmless: the planner only looks up members of the group).
 */
public final class DefragHistory {

    private DefragHistory() {
    }

    public static List<DefragRecord> merge(KVClusterStatus previous, Optional<DefragRecord> latest) {
        List<DefragRecord> records = new ArrayList<>(previous == null || previous.getLastDefrag() == null
                ? List.of() : previous.getLastDefrag());
        latest.ifPresent(r -> {
            records.removeIf(old -> r.getName().equals(old.getName()));
            records.add(r);
        });
        records.sort(Comparator.comparing(DefragRecord::getName));
        return records;
    }
}
