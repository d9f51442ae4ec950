package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's log levels: warnings by default, the runtime's INFO with --verbose, the Kafka clients' kept quieter. */
class CliLoggingTest {

    private final Level onexBefore = LogManager.getLogger("io.onex").getLevel();
    private final Level kafkaBefore = LogManager.getLogger("org.apache.kafka").getLevel();

    @AfterEach
    void restoreLevels() {
        Configurator.setLevel("io.onex", onexBefore);
        Configurator.setLevel("org.apache.kafka", kafkaBefore);
        Configurator.setLevel("kafka", kafkaBefore);
        Configurator.setLevel("state.change.logger", kafkaBefore);
    }

    private static CommandLine.ParseResult parse(String... args) {
        return OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs(args);
    }

    @Test
    void aVerbLogsWarningsOnlyAndKafkaErrorsOnlyByDefault() {
        CliConventions.configureLogging(parse("serve"), Map.of());

        assertThat(LogManager.getLogger("io.onex").getLevel()).isEqualTo(Level.WARN);
        assertThat(LogManager.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void verboseOnTheVerbBringsTheRuntimesInfoLinesAndKafkasWarnings() {
        CliConventions.configureLogging(parse("serve", "-v"), Map.of());

        assertThat(LogManager.getLogger("io.onex").getLevel()).isEqualTo(Level.INFO);
        assertThat(LogManager.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void onexLogLevelSetsTheRuntimesLevelOutright() {
        CliConventions.configureLogging(parse("run", "w.yaml", "--verbose"), Map.of("ONEX_LOG_LEVEL", "DEBUG"));

        assertThat(LogManager.getLogger("io.onex").getLevel()).isEqualTo(Level.DEBUG);
    }
}
