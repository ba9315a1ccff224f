package io.revkv.operator.v1alpha1;

import io.revkv.operator.apiserver.ApiServer;
import io.revkv.operator.apiserver.Json;

/** KVClusters written as YAML, admitted by the API server the checked-in CRD describes. */
final class Admission {

    static final ApiServer API_SERVER = new ApiServer(GeneratedCrd.checkedIn());

    private Admission() {
    }

    /** A KVCluster named example whose spec is the given YAML (indented as a top-level document). */
    static Object kvcluster(String specYaml) {
        String indented = specYaml.strip().lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
        return Json.parseYaml("""
                apiVersion: revkv.io/v1alpha1
                kind: KVCluster
                metadata:
                  name: example
                spec:
                """ + indented + "\n");
    }
}
