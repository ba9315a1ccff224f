package io.revkv.operator.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A replicated revkv store: {@code spec.replicas} members, each an operator-owned Pod with its own volume, bootstrapped
 * from one seed member, the others joining as learners. {@code kubectl get kvc} reads as the cluster's dashboard.
 */
@Group(KVCluster.GROUP)
@Version(KVCluster.VERSION)
@Kind("KVCluster")
@Plural("kvclusters")
@ShortNames("kvc")
@AdditionalPrinterColumn(name = "Ready", type = Type.INTEGER, jsonPath = ".status.readyReplicas",
        getDescription = "Members that are healthy and ready")
@AdditionalPrinterColumn(name = "Leader", type = Type.STRING, jsonPath = ".status.leader",
        getDescription = "The member that leads the Raft group")
@AdditionalPrinterColumn(name = "Revision", type = Type.INTEGER, jsonPath = ".status.revision",
        getDescription = "The cluster's current revision")
@AdditionalPrinterColumn(name = "DB Size", type = Type.STRING, jsonPath = ".status.dbSize",
        getDescription = "The leader's database size")
@AdditionalPrinterColumn(name = "Phase", type = Type.STRING, jsonPath = ".status.phase",
        getDescription = "Where the cluster is in its life")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class KVCluster extends CustomResource<KVClusterSpec, KVClusterStatus> implements Namespaced {

    public static final String GROUP = "revkv.io";
    public static final String VERSION = "v1alpha1";
}
