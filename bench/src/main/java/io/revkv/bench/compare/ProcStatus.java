package io.revkv.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Linux process' memory as {@code /proc/<pid>/status} reports it. */
final class ProcStatus {
    private static final String RSS_FIELD = "VmRSS:";

    private ProcStatus() {
    }

    /** The resident set size of process {@code pid} in bytes. */
    static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return vmRssBytes(Files.readString(status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        }
    }

    /** The {@code VmRSS:} line of a status file, e.g. {@code VmRSS:	  123456 kB}, in bytes. */
    static long vmRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(RSS_FIELD)) {
                String[] valueAndUnit = line.substring(RSS_FIELD.length()).trim().split("\\s+");
                if (valueAndUnit.length != 2 || !valueAndUnit[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected " + line);
                }
                return Long.parseLong(valueAndUnit[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no " + RSS_FIELD + " line (is the process a zombie?)");
    }
}
