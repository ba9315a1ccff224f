package io.revkv.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Why the store could not start, written where Kubernetes looks for a container's last words: kubelet reports the
 * file's content as the container's {@code lastState.terminated.message}, which is how an operator learns that a
 * member refused its data directory ("member … has already been bootstrapped") rather than merely crashed.
 *
 * <p>The file is the container's {@code terminationMessagePath}: {@code REVKV_TERMINATION_MESSAGE_PATH} when set,
 * else Kubernetes' default {@code /dev/termination-log}, written only if it exists (kubelet mounts it), so that a
 * store run outside Kubernetes never creates files under /dev.
 */
final class TerminationMessage {

    static final String PATH_VARIABLE = "REVKV_TERMINATION_MESSAGE_PATH";
    static final Path KUBERNETES_DEFAULT = Path.of("/dev/termination-log");
    /** Kubernetes keeps at most 4096 bytes of a termination message. */
    static final int LIMIT = 4096;

    private TerminationMessage() {
    }

    /** The file to write, if any. */
    static Optional<Path> path(Map<String, String> environment) {
        String given = environment.get(PATH_VARIABLE);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        return Files.isRegularFile(KUBERNETES_DEFAULT) ? Optional.of(KUBERNETES_DEFAULT) : Optional.empty();
    }

    /**
     * The messages of the failure's causes, innermost first (the store's own words, not the framework's wrapping),
     * cut to Kubernetes' limit.
     */
    static String of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        text.append(innermost.getMessage() == null ? innermost.getClass().getName() : innermost.getMessage());
        for (Throwable t = failure; t != innermost; t = t.getCause()) {
            if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
                text.append("\n").append(t.getMessage());
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length <= LIMIT ? text.toString() : new String(bytes, 0, LIMIT, StandardCharsets.UTF_8);
    }

    /** Writes the failure's message; a file that cannot be written only loses the message, never the exit code. */
    static void write(Throwable failure, Map<String, String> environment) {
        path(environment).ifPresent(file -> {
            try {
                Files.writeString(file, of(failure), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                System.err.println("revkv: cannot write the termination message to " + file + ": " + e);
            }
        });
    }
}
