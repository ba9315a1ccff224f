/** The subcommands: one workload or scenario each, plus {@code compare}. */
package io.revkv.bench.command;
