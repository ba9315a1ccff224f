package io.revkv.operator.observe;

import io.fabric8.kubernetes.api.model.Quantity;
import io.revkv.operator.plan.DefragPolicy;
import io.revkv.operator.plan.DefragSchedule;
import io.revkv.operator.plan.QuotaPolicy;
import io.revkv.operator.v1alpha1.CompactionSpec;
import io.revkv.operator.v1alpha1.DefragSpec;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** spec.defrag as the planner's {@link DefragPolicy}. */
final class DefragPolicies {

    /** The store's quota without --quota-backend-bytes (etcd's default too): 2 GiB. */
    static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;

    private DefragPolicies() {
    }

    static Optional<DefragPolicy> of(KVCluster kvc) {
        DefragSpec spec = kvc.getSpec().getDefrag();
        if (spec == null) {
            return Optional.empty();
        }
        Long quota = kvc.getSpec().getQuotaBackendBytes();
        return Optional.of(new DefragPolicy(
                Optional.ofNullable(spec.getSchedule()).map(DefragSchedule::parse),
                spec.getMinFragmentationRatio() == null ? 0.5 : spec.getMinFragmentationRatio(),
                Quantity.getAmountInBytes(new Quantity(spec.getMinReclaimBytes() == null ? "100Mi"
                        : spec.getMinReclaimBytes())).longValue(),
                spec.getQuotaUsageAbove() == null ? OptionalDouble.empty()
                        : OptionalDouble.of(spec.getQuotaUsageAbove()),
                quota == null || quota <= 0 ? DEFAULT_QUOTA_BYTES : quota,
                created(kvc)));
    }

    /**
     * spec.quotaBackendBytes (the store's default when absent or 0), and whether NOSPACE may be answered by
     * compacting at the current revision: only while auto-compaction is on (retention not "0"), see
     * {@link QuotaPolicy#compact}.
     */
    static QuotaPolicy quota(KVCluster kvc) {
        Long quota = kvc.getSpec().getQuotaBackendBytes();
        CompactionSpec compaction = kvc.getSpec().getCompaction();
        boolean retained = compaction == null || compaction.getRetention() == null
                || !compaction.getRetention().replaceAll("[^0-9]", "").matches("0*");
        return new QuotaPolicy(quota == null || quota <= 0 ? DEFAULT_QUOTA_BYTES : quota, retained);
    }

    /** The KVCluster's creation: the start of the first period of the schedule. */
    private static Instant created(KVCluster kvc) {
        String created = kvc.getMetadata().getCreationTimestamp();
        return created == null ? Instant.EPOCH : Instant.parse(created);
    }
}
