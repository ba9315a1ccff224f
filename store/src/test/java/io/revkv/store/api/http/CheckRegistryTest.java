package io.revkv.store.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {

    private final CheckRegistry registry = new CheckRegistry(Throwable::getMessage)
            .register("first", () -> CompletableFuture.completedFuture(null))
            .register("second", () -> CompletableFuture.failedFuture(new IllegalStateException("it broke")))
            .register("third", () -> {
                throw new IllegalStateException("thrown, not returned");
            });

    @Test
    void everyCheckGetsALineInRegistrationOrderAndOneFailureFailsTheReport() {
        CheckRegistry.Report report = registry.runAllExcept(Set.of()).join();

        assertThat(report.ok()).isFalse();
        assertThat(report.details()).isEqualTo(
                "[+]first ok\n[-]second failed: it broke\n[-]third failed: thrown, not returned\n");
    }

    @Test
    void excludedChecksDoNotRunAndUnknownExclusionsAreIgnored() {
        CheckRegistry.Report report = registry.runAllExcept(Set.of("second", "third", "no_such_check")).join();

        assertThat(report).isEqualTo(new CheckRegistry.Report(true, "[+]first ok\n"));
    }

    @Test
    void aCheckRunsAlone() {
        assertThat(registry.run(List.of("second")).join())
                .isEqualTo(new CheckRegistry.Report(false, "[-]second failed: it broke\n"));
        assertThatThrownBy(() -> registry.run(List.of("missing"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excludingEverythingPasses() {
        assertThat(registry.runAllExcept(registry.names()).join()).isEqualTo(new CheckRegistry.Report(true, ""));
    }
}
