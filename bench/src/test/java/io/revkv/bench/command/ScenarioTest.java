package io.revkv.bench.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.revkv.bench.load.Connections;
import io.revkv.bench.load.LoadOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static LoadOptions options(Duration warmup) {
        LoadOptions options = new LoadOptions();
        options.endpoints = List.of("127.0.0.1:9");
        options.clients = 2;
        options.rate = 200;
        options.warmup = warmup;
        options.noProgress = true;
        return options;
    }

    @Test
    void theWarmupTaskRunsWhileTheWarmupLoadGoesOnAndTheProbeStartsAfterIt() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean sawLoad = new AtomicBoolean();
        AtomicBoolean taskDone = new AtomicBoolean();
        try (Connections unused = new Connections(List.of("127.0.0.1:9"), 1)) {
            Scenario scenario = new Scenario(options(Duration.ofMillis(500)), unused);
            Scenario.Probe probe = scenario.startProbe("test", (client, seq) -> requests.incrementAndGet(), () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (requests.get() < 5 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sawLoad.set(requests.get() >= 5);
                taskDone.set(true);
            });
            assertThat(taskDone).as("the probe starts once the task is done").isTrue();
            probe.stop();
        }
        assertThat(sawLoad).as("warm-up requests went on while the task ran").isTrue();
    }

    @Test
    void withoutAWarmupTheTaskStillRunsBeforeTheProbe() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (Connections unused = new Connections(List.of("127.0.0.1:9"), 1)) {
            Scenario.Probe probe = new Scenario(options(Duration.ZERO), unused)
                    .startProbe("test", (client, seq) -> { }, () -> ran.set(true));
            assertThat(ran).isTrue();
            probe.stop();
        }
    }
}
