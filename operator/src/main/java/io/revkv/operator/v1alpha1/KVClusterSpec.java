package io.revkv.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** What the user asks for. Sections that are absent take the defaults their classes describe. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.quotaBackendBytes) || quantity(self.storage.size).compareTo(quantity(string(self.quotaBackendBytes))) > 0",
        message = "quotaBackendBytes must be smaller than storage.size: the backend has to fit on the volume",
        fieldPath = ".quotaBackendBytes")
public class KVClusterSpec {

    /**
     * The version transition rule: the same major and minor (any patch, so a patch downgrade is allowed, as etcd
     * allows one), or the same major and the next minor. The pattern guarantees major.minor.patch[-pre], so the
     * first two dot-separated parts are integers. The planner refuses the same steps ({@code UpgradeStep}) for a
     * stored object that predates this rule.
     */
    static final String VERSION_STEP = "self == oldSelf || (int(self.split('.')[0]) == int(oldSelf.split('.')[0]) "
            + "&& int(self.split('.')[1]) - int(oldSelf.split('.')[1]) >= 0 "
            + "&& int(self.split('.')[1]) - int(oldSelf.split('.')[1]) <= 1)";

    static final String VERSION_STEP_MESSAGE = "'cannot change version from ' + oldSelf + ' to ' + self + "
            + "': upgrade one minor version at a time (a patch change or the next minor version only; "
            + "a minor downgrade or a major version change is not supported)'";

    @SpecReplicas
    @Default("3")
    @Min(1)
    @Max(9)
    @JsonPropertyDescription("How many voting members the cluster has (1 to 9; odd sizes tolerate the most failures "
            + "for their cost: 3 tolerate 1, 5 tolerate 2). Growing adds one learner at a time and promotes it once "
            + "caught up; shrinking moves leadership away before a member is removed.")
    private Integer replicas = 3;

    @Default("0.1.0")
    @Size(max = 64)
    @Pattern("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$")
    @ValidationRule(value = VERSION_STEP, messageExpression = VERSION_STEP_MESSAGE)
    @JsonPropertyDescription("The revkv version the members run, e.g. 0.1.0; it picks the image "
            + "ghcr.io/revkv/revkv:<version> unless image is set. Changing it rolls the members one at a time. "
            + "As etcd, a cluster upgrades one minor version at a time: a change may go to any patch of the same "
            + "minor version (up or down) or to the next minor version; a minor downgrade or a major change is "
            + "refused.")
    private String version = "0.1.0";

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("An image to run instead of the one version picks (a mirror, a digest); version still "
            + "names what that image contains.")
    private String image;

    @Default("{}")
    @JsonPropertyDescription("Each member's data volume.")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription("CPU and memory for the store container of each member. The store's heap holds the "
            + "key index (about 200 bytes a key plus the key), so give memory for the keys you expect.")
    private ResourceRequirements resources;

    @Default("{}")
    @JsonPropertyDescription("Automatic compaction of old revisions (etcd's --auto-compaction-mode and "
            + "--auto-compaction-retention), run by the leader.")
    private CompactionSpec compaction = new CompactionSpec();

    @Min(0)
    @JsonPropertyDescription("The backend's space quota in bytes (etcd's --quota-backend-bytes); past it writes "
            + "fail with NOSPACE until space is reclaimed. Absent or 0: the store's default, 2 GiB.")
    private Long quotaBackendBytes;

    @Default("100000")
    @Min(1)
    @JsonPropertyDescription("Applied requests between snapshots (etcd's --snapshot-count); each snapshot lets the "
            + "Raft log before it be purged.")
    private Long snapshotCount = 100000L;

    @JsonPropertyDescription("When and how defragmentation runs, one member at a time. Absent: never on its own.")
    private DefragSpec defrag;

    @JsonPropertyDescription("TLS for clients and between members, from Secrets. Absent: plain text.")
    private TlsSpec tls;

    @Default("{}")
    @JsonPropertyDescription("Scheduling and metadata of the member Pods.")
    private MemberPodSpec pod = new MemberPodSpec();

    @Default("false")
    @JsonPropertyDescription("Stops the operator from acting on this cluster (it still reports status): for manual "
            + "repair. Members keep running. The phase reads Paused and the Progressing condition (reason Paused) "
            + "says what the operator would do once resumed.")
    private Boolean paused = false;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public StorageSpec getStorage() { return storage; }
    public void setStorage(StorageSpec storage) { this.storage = storage; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public CompactionSpec getCompaction() { return compaction; }
    public void setCompaction(CompactionSpec compaction) { this.compaction = compaction; }
    public Long getQuotaBackendBytes() { return quotaBackendBytes; }
    public void setQuotaBackendBytes(Long quotaBackendBytes) { this.quotaBackendBytes = quotaBackendBytes; }
    public Long getSnapshotCount() { return snapshotCount; }
    public void setSnapshotCount(Long snapshotCount) { this.snapshotCount = snapshotCount; }
    public DefragSpec getDefrag() { return defrag; }
    public void setDefrag(DefragSpec defrag) { this.defrag = defrag; }
    public TlsSpec getTls() { return tls; }
    public void setTls(TlsSpec tls) { this.tls = tls; }
    public MemberPodSpec getPod() { return pod; }
    public void setPod(MemberPodSpec pod) { this.pod = pod; }
    public Boolean getPaused() { return paused; }
    public void setPaused(Boolean paused) { this.paused = paused; }
}
