package io.revkv.testing.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * would fail the build or the container. Exec-form RUN lines ({@code RUN ["/path/in/image", ...]}), which run the
 * image's own files, are carried out by {@link #run}; shell-form ones set up the base (users, directories) and are
 * not. The base's Java is a JDK of this machine with the major version the FROM line's eclipse-temurin tag names.
 */
public final class ImageLayout {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(\\S+)\\s+(\\S+)$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S*)$");
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT\\s+\\[(.*)]$");
    private static final Pattern WORKDIR = Pattern.compile("^WORKDIR\\s+(\\S+)$");
    private static final Pattern RUN_EXEC = Pattern.compile("^RUN\\s+\\[(.*)]$");
    private static final Pattern FROM_TEMURIN = Pattern.compile("^FROM\\s+eclipse-temurin:(\\d+)\\S*$");
    /** Where this machine's JDKs live, each with a {@code release} file naming its version. */
    private static final Path JDKS = Path.of("/usr/lib/jvm");

    private final int javaMajor;
    private final List<String[]> copies;
    private final List<Run> runs;
    private final Map<String, String> env;
    private final List<String> entrypoint;
    private final String workdir;

    private ImageLayout(int javaMajor, List<String[]> copies, List<Run> runs, Map<String, String> env,
            List<String> entrypoint, String workdir) {
        this.javaMajor = javaMajor;
        this.copies = copies;
        this.runs = runs;
        this.env = env;
        this.entrypoint = entrypoint;
        this.workdir = workdir;
    }

    /** Reads the Dockerfile's FROM, COPY, RUN, ENV, WORKDIR and ENTRYPOINT lines (continuations joined, comments
     * skipped). */
    public static ImageLayout parse(Path dockerfile) {
        int javaMajor = 0;
        List<String[]> copies = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = null;
        String workdir = "/";
        for (String line : instructions(read(dockerfile))) {
            Matcher m;
            if ((m = FROM_TEMURIN.matcher(line)).matches()) {
                javaMajor = Integer.parseInt(m.group(1));
            } else if ((m = RUN_EXEC.matcher(line)).matches()) {
                runs.add(new Run(execForm(m.group(1)), Map.copyOf(env)));
            } else if ((m = COPY.matcher(line)).matches()) {
                copies.add(new String[] {m.group(1), m.group(2)});
            } else if ((m = ENV.matcher(line)).matches()) {
                env.put(m.group(1), m.group(2));
            } else if ((m = WORKDIR.matcher(line)).matches()) {
                workdir = m.group(1);
            } else if ((m = ENTRYPOINT.matcher(line)).matches()) {
                entrypoint = execForm(m.group(1));
            } else if (line.startsWith("COPY") || line.startsWith("ENV") || line.startsWith("ENTRYPOINT")
                    || line.startsWith("FROM")) {
                throw new IllegalArgumentException("a form this reader does not know: " + line);
            }
        }
        if (entrypoint == null || copies.isEmpty() || javaMajor == 0) {
            throw new IllegalArgumentException(dockerfile + " has no ENTRYPOINT (exec form), no COPY or no FROM "
                    + "eclipse-temurin:<major>");
        }
        return new ImageLayout(javaMajor, copies, runs, env, entrypoint, workdir);
    }

    private static List<String> execForm(String list) {
        return Stream.of(list.split(",")).map(String::trim).map(s -> s.substring(1, s.length() - 1)).toList();
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
     * Carries out the exec-form RUN lines in order, after {@link #layOut}, each from the image's root with the ENV
     * lines above it, the base's Java, and {@code extraEnv}; a RUN that fails fails here with its output, as it would
     * fail the build.
     */
    public void run(Path root, Map<String, String> extraEnv) throws IOException, InterruptedException {
        for (Run run : runs) {
            ProcessBuilder builder = process(root, run.command(), List.of(), "/", run.env())
                    .redirectErrorStream(true);
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("RUN " + run.command() + " exited with " + process.exitValue()
                        + ":\n" + output);
            }
        }
    }

    /** The ENTRYPOINT under root with these arguments, in WORKDIR, with the Dockerfile's ENV and the base's Java. */
    public ProcessBuilder entrypoint(Path root, List<String> args) {
        return process(root, entrypoint, args, workdir, env);
    }

    /** An exec-form RUN line, and the ENV in force where it stands. */
    private record Run(List<String> command, Map<String, String> env) {
    }

    /**
     * The image's own program (its first element, a path in the image) under root, in {@code dir} of the image; the
     * base's JDK as JAVA_HOME and first on PATH, as eclipse-temurin's images set them.
     */
    private ProcessBuilder process(Path root, List<String> program, List<String> args, String dir,
            Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(inRoot(root, program.get(0)).toString());
        command.addAll(program.subList(1, program.size()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(inRoot(root, dir).toFile());
        builder.environment().putAll(env);
        Path javaHome = baseJavaHome();
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return builder;
    }

    /** The major Java version of the image's base (the FROM line's eclipse-temurin tag). */
    public int javaMajor() {
        return javaMajor;
    }

    /** A JDK of this machine with the base's major version: the test runs the image's Java, not its own. */
    public Path baseJavaHome() {
        try (Stream<Path> homes = Files.list(JDKS)) {
            return homes.filter(home -> majorOf(home) == javaMajor).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Java " + javaMajor + " under " + JDKS
                            + " for the image's base eclipse-temurin:" + javaMajor + "; install one (e.g. Temurin "
                            + javaMajor + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorOf(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (Files.isSymbolicLink(javaHome) || !Files.isRegularFile(release)) {
            return -1;
        }
        Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(read(release));
        return version.find() ? Integer.parseInt(version.group(1)) : -1;
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
