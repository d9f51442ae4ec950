package io.onex.nodes.faults;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the fault suite's own, launched on the test classpath (as {@code ConsumerTakeoverProcessIT} launches its
 * members): what it prints on stdout is kept for {@link #awaitLine}, its stderr goes to a log file under
 * {@code target/faults/}. {@link #kill9()} is {@code kill -9}: no shutdown hook, no leave-group, no commit.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Path LOGS = Paths.get("target", "faults");
    /** Every JVM started, killed when the test JVM exits: a test that fails half-way leaves none running. */
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
                "child-jvms-kill"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args}, the test JVM's environment plus {@code env}. */
    public static ChildJvm start(String name, String mainClass, List<String> args, Map<String, String> env)
            throws IOException {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + "-" + System.currentTimeMillis() + ".log");
        // small and quick to start: two cores are shared by the whole build
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=onex-log4j2.xml", "-cp", classpath, mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().putAll(env);
        Process process = pb.start();
        STARTED.add(process);
        return new ChildJvm(name, process, log);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died: what it printed so far stays
        }
    }

    /** Starts like {@link #start} and waits for a line starting with {@code ready}; kills the JVM if none comes. */
    public static ChildJvm startAndAwait(String name, String mainClass, List<String> args, Map<String, String> env,
            String ready, Duration atMost) throws IOException, InterruptedException {
        ChildJvm jvm = start(name, mainClass, args, env);
        try {
            jvm.awaitLine(ready, atMost);
            return jvm;
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    /** Waits until the JVM printed a line starting with {@code prefix}; returns it. Fails early if the JVM exits. */
    public String awaitLine(String prefix, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                throw new IllegalStateException(this + " exited with " + process.exitValue() + " before printing "
                        + prefix);
            }
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        });
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The lines printed so far that start with {@code prefix}. */
    public List<String> lines(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", stderr in " + log.toAbsolutePath() + ", last lines: "
                + lines.subList(Math.max(0, lines.size() - 5), lines.size()) + ")";
    }
}
