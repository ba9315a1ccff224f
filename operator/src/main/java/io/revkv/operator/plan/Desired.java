package io.revkv.operator.plan;

import java.util.Optional;

/**
 * What the KVCluster asks for, as far as the planner cares.
 *
 * @param cluster             the KVCluster's name; members are named {@code <cluster>-<ordinal>}
 * @param replicas            voting members wanted
 * @param paused              spec.paused: observe, never act
 * @param deleteScaledVolumes spec.storage.retentionPolicy.whenScaled is Delete
 * @param podHash             the hash of the Pod the spec asks for; a Pod recording another one is outdated
 * @param version             spec.version ("" to check no upgrade step)
 * @param defrag              spec.defrag; absent: never defragment
 * @param quota               spec.quotaBackendBytes and whether NOSPACE may be answered by compacting
 */
public record Desired(String cluster, int replicas, boolean paused, boolean deleteScaledVolumes, String podHash,
                      String version, Optional<DefragPolicy> defrag, QuotaPolicy quota) {

    public Desired(String cluster, int replicas, boolean paused, boolean deleteScaledVolumes, String podHash,
                   String version, Optional<DefragPolicy> defrag) {
        this(cluster, replicas, paused, deleteScaledVolumes, podHash, version, defrag, QuotaPolicy.DEFAULT);
    }

    public Desired(String cluster, int replicas, boolean paused, boolean deleteScaledVolumes, String podHash,
                   String version) {
        this(cluster, replicas, paused, deleteScaledVolumes, podHash, version, Optional.empty());
    }

    public Desired {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
        }
        podHash = podHash == null ? "" : podHash;
        version = version == null ? "" : version;
        defrag = defrag == null ? Optional.empty() : defrag;
        quota = quota == null ? QuotaPolicy.DEFAULT : quota;
    }

    /** A spec whose Pods record no hash: nothing is ever outdated. */
    public Desired(String cluster, int replicas, boolean paused, boolean deleteScaledVolumes) {
        this(cluster, replicas, paused, deleteScaledVolumes, "", "");
    }

    /** The same spec with another Pod hash and version: what editing the KVCluster does. */
    public Desired withPod(String hash, String newVersion) {
        return new Desired(cluster, replicas, paused, deleteScaledVolumes, hash, newVersion, defrag, quota);
    }

    /** The same spec, not paused: what the planner would do once resumed. */
    public Desired unpaused() {
        return withPaused(false);
    }

    /** The same spec with spec.paused set as given. */
    public Desired withPaused(boolean pause) {
        return new Desired(cluster, replicas, pause, deleteScaledVolumes, podHash, version, defrag);
    }

    /** The same spec with spec.defrag set. */
    public Desired withDefrag(DefragPolicy policy) {
        return new Desired(cluster, replicas, paused, deleteScaledVolumes, podHash, version, Optional.of(policy), quota);
    }

    /** The same spec with another quota policy. */
    public Desired withQuota(QuotaPolicy policy) {
        return new Desired(cluster, replicas, paused, deleteScaledVolumes, podHash, version, defrag, policy);
    }

    /** The member name for an ordinal: {@code example-0}. */
    public String member(int ordinal) {
        return cluster + "-" + ordinal;
    }

    /** The ordinal of one of this cluster's member names, or -1 for a name that is not one. */
    public int ordinal(String member) {
        String prefix = cluster + "-";
        if (!member.startsWith(prefix) || !member.substring(prefix.length()).matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(member.substring(prefix.length()));
    }

    /** The seed is always ordinal 0: the one member that starts a new cluster. */
    public String seed() {
        return member(0);
    }
}
