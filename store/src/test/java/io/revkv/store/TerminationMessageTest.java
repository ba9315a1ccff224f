package io.revkv.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

    @Test
    void theStoresOwnWordsComeFirstOutOfTheFrameworksWrapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("termination-log");
        IllegalStateException refusal = new IllegalStateException("member 8e1f has already been bootstrapped");
        RuntimeException wrapped = new RuntimeException("Failed to start application", new RuntimeException(refusal));

        TerminationMessage.write(wrapped, Map.of(TerminationMessage.PATH_VARIABLE, file.toString()));

        assertThat(Files.readString(file)).startsWith("member 8e1f has already been bootstrapped")
                .contains("Failed to start application");
    }

    @Test
    void aLongMessageIsCutToKubernetesLimit() {
        String message = TerminationMessage.of(new IllegalStateException("x".repeat(10_000)));

        assertThat(message).hasSize(TerminationMessage.LIMIT);
    }

    @Test
    void outsideKubernetesWithoutAPathNothingIsWritten() {
        // /dev/termination-log exists only where kubelet mounts it; this machine is no Pod.
        assertThat(Files.exists(TerminationMessage.KUBERNETES_DEFAULT)).isFalse();
        assertThat(TerminationMessage.path(Map.of())).isEmpty();
    }
}
