package io.revkv.bench.command;

import picocli.CommandLine.Option;

/** How a scenario fills the store before it measures: the same for every under-load scenario. */
final class PreloadOptions {

    @Option(names = "--preload-revisions", defaultValue = "100000",
            description = "puts written before measuring; 0 for none (default: ${DEFAULT-VALUE})")
    long revisions;

    @Option(names = "--preload-clients", defaultValue = "64",
            description = "clients (on --conns connections) that write the preload (default: ${DEFAULT-VALUE})")
    int clients;
}
