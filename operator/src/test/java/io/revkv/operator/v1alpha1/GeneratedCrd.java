package io.revkv.operator.v1alpha1;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRD as fabric8's crd-generator makes it from the v1alpha1 classes, and where the checked-in copy lives. */
final class GeneratedCrd {

    static final String FILE_NAME = "kvclusters.revkv.io-v1.yml";

    private GeneratedCrd() {
    }

    /** The repository's root, handed in by surefire (the module runs its tests from operator/). */
    static Path repoRoot() {
        return Path.of(System.getProperty("revkv.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path checkedIn() {
        return repoRoot().resolve("crds").resolve(FILE_NAME);
    }

    static String generate() {
        try {
            Path dir = Files.createTempDirectory("crd");
            new CRDGenerator().inOutputDir(dir.toFile()).forCRDVersions("v1")
                    .customResourceClasses(KVCluster.class).generate();
            String yaml = Files.readString(dir.resolve(FILE_NAME));
            Files.delete(dir.resolve(FILE_NAME));
            Files.delete(dir);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
