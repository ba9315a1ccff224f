package io.revkv.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last line of defence against leaked server processes: every started {@link ServerProcess} registers its OS
 * process here, and one JVM shutdown hook SIGKILLs (and reaps) whatever is still alive when the test JVM exits,
 * including after a test failure, an interrupted build or a forked-JVM timeout. Orderly cleanup is still the job of
 * try-with-resources or {@link ServerProcesses}; this only catches what they missed.
 */
final class ProcessReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "compat-process-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    static void unregister(Process process) {
        LIVE.remove(process);
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
