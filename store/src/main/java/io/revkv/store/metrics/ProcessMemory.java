package io.revkv.store.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, which etcd exports (through Go's process collector) as
 * {@code process_resident_memory_bytes} and {@code etcdctl check datascale} reads. The JVM does not report it, so it
 * is read from Linux's {@code /proc/self/status}.
 */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Bytes, or NaN where {@code /proc} is not available (Prometheus' "no value"). */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:	  123456 kB"
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
