package io.revkv.operator.resources;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.revkv.operator.v1alpha1.KVCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples as the operator reads them, placed in namespace db with a UID. */
final class Clusters {

    private Clusters() {
    }

    static KVCluster example(String file) {
        Path root = Path.of(System.getProperty("revkv.repo.root", "..")).toAbsolutePath().normalize();
        try {
            KVCluster kvc = Serialization.unmarshal(Files.readString(root.resolve("examples").resolve(file)), KVCluster.class);
            kvc.getMetadata().setNamespace("db");
            kvc.getMetadata().setUid("0f1e");
            return kvc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KVCluster minimal() {
        return example("kvcluster-minimal.yaml");
    }

    static KVCluster full() {
        return example("kvcluster-full.yaml");
    }
}
