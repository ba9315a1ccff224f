/**
 * What the operator exports for Prometheus beside JOSDK's reconcile metrics: the actions it performs by kind and
 * outcome, each cluster's members and leader as its status says, and what defragmentation took and gave back.
 */
package io.revkv.operator.metrics;
