/** revkv against etcd: launching both as processes, ratio tables, the plot. */
package io.revkv.bench.compare;
