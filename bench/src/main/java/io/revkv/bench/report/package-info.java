/** Measured numbers: latency histograms, windowed samples, the report, its human summary, JSON and progress line. */
package io.revkv.bench.report;
