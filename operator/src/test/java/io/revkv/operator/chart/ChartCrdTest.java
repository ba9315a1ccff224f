package io.revkv.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart installs the CRD from its own crds/ (Helm reads nothing outside the chart): it is the repository's
 * crds/ file byte for byte. After regenerating crds/ (CrdDriftTest), copy it with
 * {@code ./mvnw -B -pl operator test -Dtest=ChartCrdTest -Drevkv.crd.update=true}.
 */
class ChartCrdTest {

    private static final String FILE = "kvclusters.revkv.io-v1.yml";

    @Test
    void chartCrdIsTheRepositoryCrd() throws Exception {
        Path source = RenderedChart.repoRoot().resolve("crds").resolve(FILE);
        Path chart = RenderedChart.chartDir().resolve("crds").resolve(FILE);
        if (Boolean.getBoolean("revkv.crd.update")) {
            Files.copy(source, chart, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        assertThat(Files.readString(chart)).as("helm/revkv-operator/crds/%s differs from crds/%s; copy it with "
                + "-Dtest=ChartCrdTest -Drevkv.crd.update=true", FILE, FILE).isEqualTo(Files.readString(source));
        try (var files = Files.list(chart.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(FILE);
        }
    }

    @Test
    void chartCrdIsAStrictlyValidCustomResourceDefinition() throws Exception {
        List<?> objects = RenderedChart.parse(
                Files.readString(RenderedChart.chartDir().resolve("crds").resolve(FILE)));

        assertThat(objects).singleElement().isInstanceOf(CustomResourceDefinition.class);
    }
}
