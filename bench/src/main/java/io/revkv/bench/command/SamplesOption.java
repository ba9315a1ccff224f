package io.revkv.bench.command;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an under-load scenario writes its probe's every request, for a look at the tail over time. */
final class SamplesOption {

    @Option(names = "--samples",
            description = "also write every probe request (due time in epoch ms, latency ms, ok) as CSV here")
    Path file;

    /** Writes the stopped probe's samples, if asked to. */
    void write(Scenario.Probe probe) throws IOException {
        if (file != null) {
            probe.samples().writeCsv(file);
        }
    }
}
