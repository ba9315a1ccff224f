/** revkv-bench: the command line ({@link io.revkv.bench.BenchMain}) and its subcommands' building blocks. */
package io.revkv.bench;
