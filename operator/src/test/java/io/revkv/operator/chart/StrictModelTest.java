package io.revkv.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading the chart's objects go through refuses what the API server would drop or not know. */
class StrictModelTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void readsAKnownObject() {
        assertThat(RenderedChart.parse(DEPLOYMENT.formatted("imagePullPolicy: Always")))
                .singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void refusesAFieldAtTheWrongLevel() {
        assertThatThrownBy(() -> RenderedChart.parse(DEPLOYMENT.formatted("replicas: 2")))
                .hasMessageContaining("spec.template.spec.containers[0].replicas");
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> RenderedChart.parse("apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .hasMessageContaining("not a known Kubernetes kind");
    }
}
