package io.revkv.bench.compare;

import io.revkv.bench.report.Report;

/**
 * One measured run of a comparison.
 *
 * @param target   {@code etcd} or {@code revkv}
 * @param workload the workload or scenario name, e.g. {@code put} or {@code range-s}
 * @param clients  concurrent clients
 * @param round    the repetition, from 0
 * @param report   what the run measured; null when it failed
 * @param error    why it failed; null when it did not
 */
public record CompareRun(String target, String workload, int clients, int round, Report report, String error) {
}
