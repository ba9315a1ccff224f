package io.revkv.store.api.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The named checks behind one of etcd 3.5's probe endpoints ({@code /livez} or {@code /readyz}), and the text they
 * produce together: one line per check run, {@code [+]name ok} or {@code [-]name failed: <error>}, e.g.
 *
 * <pre>
 * [+]data_corruption ok
 * [+]serializable_read ok
 * [-]linearizable_read failed: etcdserver: request timed out
 * [+]non_learner ok
 * </pre>
 *
 * <p>Checks run concurrently; the lines come in registration order (etcd iterates a Go map, so its order is
 * unspecified: a probe cannot rely on it). A check fails by completing exceptionally; {@code describe} turns the
 * failure into the error text after "failed: ".
 */
final class CheckRegistry {

    private final Map<String, Supplier<CompletableFuture<Void>>> checks = new LinkedHashMap<>();
    private final Function<Throwable, String> describe;

    /** @param describe the error text of a failed check, as etcd prints the error its check returned */
    CheckRegistry(Function<Throwable, String> describe) {
        this.describe = describe;
    }

    CheckRegistry register(String name, Supplier<CompletableFuture<Void>> check) {
        checks.put(name, check);
        return this;
    }

    Set<String> names() {
        return checks.keySet();
    }

    /**
     * Runs every check but the excluded ones. Excluding a name that is not registered is not an error (etcd only
     * logs a warning, for compatibility across versions).
     */
    CompletableFuture<Report> runAllExcept(Collection<String> excluded) {
        List<String> names = new ArrayList<>(checks.keySet());
        names.removeAll(excluded);
        return run(names);
    }

    /** Runs the named checks, which must be registered. */
    CompletableFuture<Report> run(List<String> names) {
        List<CompletableFuture<Report>> lines = new ArrayList<>();
        for (String name : names) {
            lines.add(start(name).handle((ok, error) -> error == null
                    ? new Report(true, "[+]" + name + " ok\n")
                    : new Report(false, "[-]" + name + " failed: " + describe.apply(error) + "\n")));
        }
        return CompletableFuture.allOf(lines.toArray(CompletableFuture[]::new)).thenApply(done -> {
            boolean ok = true;
            StringBuilder text = new StringBuilder();
            for (CompletableFuture<Report> line : lines) {
                ok &= line.join().ok();
                text.append(line.join().details());
            }
            return new Report(ok, text.toString());
        });
    }

    private CompletableFuture<Void> start(String name) {
        Supplier<CompletableFuture<Void>> check = checks.get(name);
        if (check == null) {
            throw new IllegalArgumentException("health check " + name + " is not registered");
        }
        try {
            return check.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The outcome of one probe request.
     *
     * @param ok      whether every check run passed
     * @param details one line per check run (etcd's {@code HealthStatus.Reason}); empty when none ran
     */
    record Report(boolean ok, String details) {
    }
}
