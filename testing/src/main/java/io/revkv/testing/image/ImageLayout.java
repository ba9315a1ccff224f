package io.revkv.testing.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An image's file layout and start command, read from its Dockerfile, for tests where no container engine runs: the
 * COPY lines are carried out into a directory standing for the image's root, and {@link #entrypoint} starts the
 * ENTRYPOINT there as a process with the Dockerfile's ENV and WORKDIR. So the test runs what the image would, from the
 * same lines: a COPY that names a missing file, or an entrypoint that does not find the app, fails the test as it
 * would fail the build or the container. RUN lines are not carried out (they need the image's base).
 */
public final class ImageLayout {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(\\S+)\\s+(\\S+)$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S*)$");
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT\\s+\\[(.*)]$");
    private static final Pattern WORKDIR = Pattern.compile("^WORKDIR\\s+(\\S+)$");

    private final List<String[]> copies;
    private final Map<String, String> env;
    private final List<String> entrypoint;
    private final String workdir;

    private ImageLayout(List<String[]> copies, Map<String, String> env, List<String> entrypoint, String workdir) {
        this.copies = copies;
        this.env = env;
        this.entrypoint = entrypoint;
        this.workdir = workdir;
    }

    /** Reads the Dockerfile's COPY, ENV, WORKDIR and ENTRYPOINT lines (continuations joined, comments skipped). */
    public static ImageLayout parse(Path dockerfile) {
        List<String[]> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = null;
        String workdir = "/";
        for (String line : instructions(read(dockerfile))) {
            Matcher m;
            if ((m = COPY.matcher(line)).matches()) {
                copies.add(new String[] {m.group(1), m.group(2)});
            } else if ((m = ENV.matcher(line)).matches()) {
                env.put(m.group(1), m.group(2));
            } else if ((m = WORKDIR.matcher(line)).matches()) {
                workdir = m.group(1);
            } else if ((m = ENTRYPOINT.matcher(line)).matches()) {
                entrypoint = Stream.of(m.group(1).split(",")).map(String::trim)
                        .map(s -> s.substring(1, s.length() - 1)).toList();
            } else if (line.startsWith("COPY") || line.startsWith("ENV") || line.startsWith("ENTRYPOINT")) {
                throw new IllegalArgumentException("a form this reader does not know: " + line);
            }
        }
        if (entrypoint == null || copies.isEmpty()) {
            throw new IllegalArgumentException(dockerfile + " has no ENTRYPOINT (exec form) or no COPY");
        }
        return new ImageLayout(copies, env, entrypoint, workdir);
    }

    /**
     * Carries out the COPY lines from the build context into root, as Docker does: a directory's contents go into the
     * destination directory; a file goes to the destination path, or into it when it ends with a slash.
     */
    public void layOut(Path context, Path root) {
        try {
            for (String[] copy : copies) {
                Path source = context.resolve(copy[0]);
                Path target = inRoot(root, copy[1]);
                if (!Files.exists(source)) {
                    throw new IllegalStateException("COPY " + copy[0] + ": no such file in " + context);
                }
                if (Files.isDirectory(source)) {
                    copyTree(source, target);
                } else {
                    Path file = copy[1].endsWith("/") ? target.resolve(source.getFileName()) : target;
                    Files.createDirectories(file.getParent());
                    Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.createDirectories(inRoot(root, workdir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ENTRYPOINT under root with these arguments, in WORKDIR, with the Dockerfile's ENV, and the running JVM's
     * java first on PATH (the image's base puts its JRE there).
     */
    public ProcessBuilder entrypoint(Path root, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(inRoot(root, entrypoint.get(0)).toString());
        command.addAll(entrypoint.subList(1, entrypoint.size()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(inRoot(root, workdir).toFile());
        builder.environment().putAll(env);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return builder;
    }

    public Map<String, String> env() {
        return env;
    }

    public static Path inRoot(Path root, String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Instructions one a line: continuation backslashes joined, comments and blank lines dropped. */
    private static List<String> instructions(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            lines.add(current.toString().replaceAll("\\s+", " ").trim());
            current.setLength(0);
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
