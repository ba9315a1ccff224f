package io.revkv.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the real {@code etcdctl} (v3 API; {@code /usr/bin/etcdctl}, override with {@code -Drevkv.etcdctl.binary})
 * against one server with a timeout, capturing exit code, stdout and stderr.
 */
public final class Etcdctl {

    public static final String BINARY = System.getProperty("revkv.etcdctl.binary", "/usr/bin/etcdctl");
    private static final long TIMEOUT_SECONDS = 30;
    private static final Set<String> MEMBER_FIELDS = Set.of("cluster_id", "member_id", "raft_term");

    private Etcdctl() {
    }

    /**
     * What one etcdctl run printed.
     *
     * @param stdout as printed
     * @param stderr as printed, including the Go client's JSON-formatted retry warnings
     */
    public record Result(int exitCode, String stdout, String stderr) {

        /**
         * The server-independent view of this result, for comparing two servers: the endpoint replaced by
         * {@code <endpoint>}; JSON output (one document per line) re-rendered without cluster_id, member_id and
         * raft_term at any depth; the client's own log lines (JSON lines starting {@code {"level":}) dropped from
         * stderr, keeping etcdctl's messages such as {@code Error: ...}.
         */
        public String normalized(String endpoint) {
            String out = stdout.lines().map(line -> normalizeJsonLine(line.replace(endpoint, "<endpoint>")))
                    .collect(Collectors.joining("\n"));
            String err = stderr.lines().filter(line -> !line.startsWith("{\"level\":"))
                    .map(line -> line.replace(endpoint, "<endpoint>")).collect(Collectors.joining("\n"));
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** {@code etcdctl --endpoints <server> args...} with empty stdin. */
    public static Result run(ServerProcess server, String... args) {
        return runWithInput(server, "", args);
    }

    /** {@code etcdctl --endpoints <server> args...} with {@code stdin} fed to it (e.g. a txn script). */
    public static Result runWithInput(ServerProcess server, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY, "--endpoints", server.endpoint()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ETCDCTL_API", "3");
        try {
            Path out = Files.createTempFile(server.workDir(), "etcdctl", ".out");
            Path err = Files.createTempFile(server.workDir(), "etcdctl", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("etcdctl timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static String normalizeJsonLine(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return line;
        }
        try {
            return withoutMemberFields(JsonParser.parseString(trimmed)).toString();
        } catch (JsonParseException e) {
            return line;
        }
    }

    private static JsonElement withoutMemberFields(JsonElement element) {
        if (element instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            object.entrySet().stream().filter(e -> !MEMBER_FIELDS.contains(e.getKey()))
                    .forEach(e -> copy.add(e.getKey(), withoutMemberFields(e.getValue())));
            return copy;
        } else if (element instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(e -> copy.add(withoutMemberFields(e)));
            return copy;
        }
        return element;
    }
}
