package io.revkv.bench.compare;

import io.revkv.bench.report.Report;

/**
 * One measured run of a comparison.
 *
 * @param target   {@code etcd} or {@code revkv}
 * @param cluster  the cluster shape: {@code 1} for a single member, {@code 3/all} for 3 members with the load spread
 *                 over all of them, {@code 3/leader} for 3 members with the load on the leader alone
 * @param workload the workload or scenario name, e.g. {@code put} or {@code range-s}
 * @param clients  concurrent clients
 * @param round    the repetition, from 0
 * @param report   what the run measured; null when it failed
 * @param error    why it failed; null when it did not
 */
public record CompareRun(String target, String cluster, String workload, int clients, int round, Report report,
                         String error) {
    /** The shape of a single member. */
    public static final String SINGLE = "1";

    /** A run on a single member. */
    public CompareRun(String target, String workload, int clients, int round, Report report, String error) {
        this(target, SINGLE, workload, clients, round, report, error);
    }

    /** The shape label of {@code members} members loaded as {@code where} says. */
    public static String cluster(int members, LoadTarget where) {
        return members == 1 ? SINGLE : members + "/" + where.label();
    }

    /** The workload, with the cluster shape unless it is a single member: {@code put} or {@code put@3/leader}. */
    public String series() {
        return cluster.equals(SINGLE) ? workload : workload + "@" + cluster;
    }
}
