package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code onex} entry point run as a user runs it: its own process, its own environment, its stderr read. */
class OnexCliStartupWarningsTest {

    private static final String TYPO_WARNING = "warning: Unknown environment variable KAFKA_BOOTSRAP_SERVERS is"
            + " ignored; did you mean KAFKA_BOOTSTRAP_SERVERS?";

    @TempDir
    Path dir;

    private record Result(int code, String stdout, List<String> stderr) {
    }

    private Result onex(Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), OnexCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .directory(new File(System.getProperty("user.dir")));
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("onex exits").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void aMisspelledVariableIsPrintedOnStderrByAVerbThatStartsNoRuntime() throws Exception {
        Result r = onex(Map.of("KAFKA_BOOTSRAP_SERVERS", "broker:9092"),
                "validate", "src/test/resources/it-contracts/uppercase_echo.yaml");

        assertThat(r.code()).isZero();
        assertThat(r.stderr()).containsExactly(TYPO_WARNING);
    }

    @Test
    void aVerbThatStartsARuntimeSaysTheEmbeddedBrokerIsUsedBecauseNoServersAreSet() throws Exception {
        // the workflow file does not exist: the verb fails before a broker is started, after the warnings
        Result r = onex(Map.of("KAFKA_BOOTSRAP_SERVERS", "broker:9092"), "run", "no/such/workflow.yaml",
                "--contracts", "src/test/resources/it-contracts");

        assertThat(r.stderr()).startsWith(TYPO_WARNING,
                "warning: KAFKA_BOOTSTRAP_SERVERS is not set: starting an embedded Kafka broker in this process"
                        + " (its topics are lost when it exits)");
        assertThat(r.stderr()).filteredOn(line -> line.contains("KAFKA_BOOTSRAP_SERVERS")).hasSize(1);
    }

    @Test
    void compatStartsNoBrokerAndSoWarnsOfNone() throws Exception {
        Result r = onex(Map.of(), "compat", "src/test/resources/compat/compatible/old",
                "src/test/resources/compat/compatible/new");

        assertThat(r.code()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void aVerbThatOnlyTalksToANamedClusterWarnsOfNoEmbeddedBroker() throws Exception {
        Result r = onex(Map.of(), "topics");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).noneMatch(line -> line.contains("embedded Kafka broker"));
    }

    @Test
    void nothingIsPrintedWhenTheEnvironmentIsFineAndServersAreSet() throws Exception {
        Result r = onex(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                "validate", "src/test/resources/it-contracts/uppercase_echo.yaml");

        assertThat(r.code()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void helpAndVersionGivenToAVerbStartNothingAndWarnOfNothing() throws Exception {
        Result r = onex(Map.of("KAFKA_BOOTSRAP_SERVERS", "broker:9092"), "serve", "--version");

        assertThat(r.code()).isZero();
        assertThat(r.stdout()).isEqualTo("onex 0.1.0" + System.lineSeparator());
        assertThat(r.stderr()).isEmpty();
    }
}
