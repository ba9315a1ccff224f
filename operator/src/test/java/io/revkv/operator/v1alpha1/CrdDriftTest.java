package io.revkv.operator.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The checked-in CRD is what the Java model generates. After changing a v1alpha1 class, regenerate it with
 * {@code ./mvnw -B -pl operator test -Dtest=CrdDriftTest -Drevkv.crd.update=true} and commit crds/.
 */
class CrdDriftTest {

    @Test
    void checkedInCrdMatchesTheJavaModel() throws Exception {
        String generated = GeneratedCrd.generate();
        if (Boolean.getBoolean("revkv.crd.update")) {
            Files.createDirectories(GeneratedCrd.checkedIn().getParent());
            Files.writeString(GeneratedCrd.checkedIn(), generated);
        }
        assertThat(GeneratedCrd.checkedIn()).as("crds/%s; regenerate with -Drevkv.crd.update=true", GeneratedCrd.FILE_NAME)
                .exists();
        assertThat(Files.readString(GeneratedCrd.checkedIn()))
                .as("crds/%s drifted from the v1alpha1 classes; regenerate with -Drevkv.crd.update=true",
                        GeneratedCrd.FILE_NAME)
                .isEqualTo(generated);
    }
}
