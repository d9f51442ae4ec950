package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.kafka.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command the README and docs/ show as runnable ({@code $ ./onex ...} in a {@code ```console} block, see
 * {@link DocCommands}) runs as shown: the same words, through {@code OnexCli} in a JVM of its own on the launcher's
 * classpath, exactly as {@code ./onex} starts it, and exits as the page says, printing the lines the page shows. Each
 * page runs in a folder of its own holding a copy of this repository's {@code contracts/} and {@code workflows/}
 * ({@code $ cd DIR} moves within it), with {@code KAFKA_BOOTSTRAP_SERVERS} set to one broker this test starts (and
 * {@code ONEX_CREATE_TOPICS=true}, as with the embedded default), so a page can show {@code topics}, {@code tail} or
 * {@code run} without a cluster of its own. Commands that need more (a cluster, a database, Maven, a long run) go in
 * {@code ```sh} blocks, which are shown and never run.
 */
class DocsCommandsIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final List<String> LAUNCHERS = List.of("./onex", "onex", "bin/onex");

    private static final List<Path> SANDBOXES = new ArrayList<>();
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBrokerAndRemoveSandboxes() throws IOException {
        if (broker != null) {
            broker.close();
        }
        for (Path sandbox : SANDBOXES) {
            try (Stream<Path> files = Files.walk(sandbox)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> everyConsoleCommandOfTheDocsRunsAsShown() throws IOException {
        List<DocCommands> pages = new ArrayList<>();
        for (Path page : pages()) {
            pages.add(DocCommands.read(page));
        }
        assertThat(pages.stream().mapToInt(p -> p.commands().size()).sum()).as("runnable commands in the docs")
                .isGreaterThanOrEqualTo(10);
        return pages.stream().filter(p -> !p.commands().isEmpty()).map(p -> {
            Sandbox sandbox = new Sandbox();
            return DynamicContainer.dynamicContainer(REPO.relativize(p.page()).toString(), p.commands().stream()
                    .map(c -> DynamicTest.dynamicTest(c.title(), () -> run(c, sandbox))));
        });
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static void run(DocCommands.Command command, Sandbox sandbox) throws Exception {
        List<String> words = new ArrayList<>(command.words());
        Map<String, String> env = environment();
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            String assignment = words.remove(0);
            env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        if (!words.isEmpty() && words.get(0).equals("env")) {
            words.remove(0);
            while (words.size() > 1 && words.get(0).equals("-u")) {
                words.remove(0);
                env.remove(words.remove(0));
            }
        }
        assertThat(words).as(command.title()).isNotEmpty();
        if (words.get(0).equals("cd") && words.size() == 2) {
            sandbox.cwd = sandbox.cwd.resolve(words.get(1)).normalize();
            assertThat(sandbox.cwd).as(command.title()).isDirectory();
            return;
        }
        assertThat(LAUNCHERS).as(command.title() + ": a ```console command runs onex (or cd); show other commands in"
                + " a ```sh block").contains(words.get(0));

        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + REPO.resolve("node-runtime/src/main/resources/onex-log4j2.xml"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.onex.runtime.cli.OnexCli"));
        java.addAll(words.subList(1, words.size()));
        ProcessBuilder builder = new ProcessBuilder(java).directory(sandbox.cwd.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path output = Files.createTempFile("onex-doc-command-", ".out");
        Process process = builder.redirectOutput(output.toFile()).start();
        try {
            boolean exited = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(exited).as(command.title() + " did not end within " + COMMAND_TIMEOUT_SECONDS
                    + " s; a long-running command belongs in a ```sh block").isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> printed = Files.readAllLines(output, StandardCharsets.UTF_8);
        Files.delete(output);
        String transcript = String.join("\n", printed);
        assertThat(process.exitValue()).as(command.title() + " exit code; it printed:\n" + transcript)
                .isEqualTo(command.exitCode());
        for (String shown : command.shownOutput()) {
            assertThat(DocCommands.shown(shown, printed)).as(command.title() + " shows '" + shown
                    + "' ('...' stands for any text); it printed:\n" + transcript).isTrue();
        }
    }

    /** What a reader's shell would have, with this test's broker as the cluster and no ONEX or Kafka settings of CI's. */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("ONEX_") && !name.startsWith("KAFKA_")) {
                env.put(name, value);
            }
        });
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("ONEX_CREATE_TOPICS", "true");
        env.put("ONEX_HTTP_PORT", "0"); // a page's serve must not collide with anything on 8085
        return env;
    }

    /** A page's working folder: a copy of the repository's contracts/ and workflows/; {@code cd} moves within it. */
    private static final class Sandbox {
        Path cwd;

        Sandbox() {
            try {
                cwd = Files.createTempDirectory("onex-docs-");
                SANDBOXES.add(cwd);
                for (String folder : List.of("contracts", "workflows")) {
                    Path target = Files.createDirectories(cwd.resolve(folder));
                    try (Stream<Path> files = Files.list(REPO.resolve(folder))) {
                        for (Path f : files.toList()) {
                            Files.copy(f, target.resolve(f.getFileName()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
