package io.revkv.store.compat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.revkv.testing.ServerProcess;

/**
 * A second gRPC client stack: {@code src/test/node/status.js} run by node, which makes one unary call with node's
 * raw http2 client (the {@code grpc-status} and {@code grpc-message} bytes as received) and once more with
 * {@code @grpc/grpc-js} (the code and {@code details} a node application sees). Its packages come from
 * {@code npm ci --prefix store/src/test/node}, which {@code .ci/run} does.
 */
final class NodeStatusClient {

    static final Path DIR = Path.of(System.getProperty("revkv.node.dir", "src/test/node")).toAbsolutePath();
    private static final String NODE = System.getProperty("revkv.node.binary", "node");
    private static final long TIMEOUT_SECONDS = 30;

    /**
     * What each stack saw of one failed call.
     *
     * @param rawCode      grpc-status as sent
     * @param rawMessage   grpc-message's bytes as sent, in hex ({@code null} when absent)
     * @param grpcJsCode    the code grpc-js reports
     * @param grpcJsDetails the {@code details} grpc-js reports
     */
    record Seen(int rawCode, String rawMessage, int grpcJsCode, String grpcJsDetails) {
    }

    private NodeStatusClient() {
    }

    /** Calls {@code path} (e.g. {@code /etcdserverpb.Lease/LeaseRevoke}) on {@code server} with {@code request}. */
    static Seen call(ServerProcess server, String path, Message request) {
        if (!Files.isDirectory(DIR.resolve("node_modules/@grpc/grpc-js"))) {
            throw new IllegalStateException("@grpc/grpc-js is not installed: run npm ci --prefix " + DIR);
        }
        List<String> command = List.of(NODE, "status.js", String.valueOf(server.clientPort()), path,
                HexFormat.of().formatHex(request.toByteArray()));
        try {
            Path out = Files.createTempFile(server.workDir(), "node", ".out");
            Process process = new ProcessBuilder(command).directory(DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("node timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            String printed = Files.readString(out);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "node failed (" + process.exitValue() + "): " + command + "\n" + printed);
            }
            return parse(printed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static Seen parse(String printed) {
        JsonObject seen = JsonParser.parseString(printed.strip()).getAsJsonObject();
        JsonObject raw = seen.getAsJsonObject("raw");
        JsonObject grpcJs = seen.getAsJsonObject("grpcJs");
        return new Seen(raw.get("code").getAsInt(),
                raw.get("messageHex").isJsonNull() ? null : raw.get("messageHex").getAsString(),
                grpcJs.get("code").getAsInt(),
                grpcJs.get("details").isJsonNull() ? null : grpcJs.get("details").getAsString());
    }
}
