package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine onex = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

    @Test
    void theLauncherOffersBenchPublishE2eWorkflowAndPersistFromThisModule() {
        CommandLine bench = onex.getSubcommands().get("bench");

        assertThat(bench).as("onex bench, added by BenchCliExtension").isNotNull();
        assertThat(bench.getSubcommands()).containsKeys("publish", "e2e", "workflow", "persist", "client", "call", "decode");
        assertThat(bench.getSubcommands().get("call").getCommandSpec().optionsMap())
                .containsKeys("--bootstrap", "--rate", "--duration", "--window");
        assertThat(bench.getSubcommands().get("publish").getCommandSpec().optionsMap())
                .containsKeys("--bootstrap", "--records", "--payload-bytes", "--compression", "--rounds", "--window", "--contracts",
                        "--linger-ms", "--batch-size");
        assertThat(bench.getSubcommands().get("e2e").getCommandSpec().optionsMap())
                .containsKeys("--bootstrap", "--rate", "--seconds", "--ramp", "--linger-ms", "--batch-size", "--compression");
        assertThat(bench.getSubcommands().get("workflow").getCommandSpec().optionsMap())
                .containsKeys("--workflows", "--warmup", "--threads");
        assertThat(bench.getSubcommands().get("persist").getCommandSpec().optionsMap())
                .containsKeys("--events", "--bootstrap", "--contracts", "--contract", "--keep");
        assertThat(bench.getSubcommands().get("decode").getCommandSpec().optionsMap())
                .containsKeys("--events", "--rounds");
    }

    @Test
    void aBadBenchOptionIsAMessageNotAStackTraceAndStartsNothing() {
        int code = onex.execute("bench", "publish", "--compression", "brotli");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --compression must be one of none, gzip, snappy, lz4, zstd, but "
                + "was 'brotli'" + System.lineSeparator());
    }

    @Test
    void benchPublishRefusesALingerOutOfKafkasRangeBeforeStartingABroker() {
        int code = onex.execute("bench", "publish", "--linger-ms", "-1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --linger-ms must be 0 to 60000 and --batch-size 0 to 1048576, but "
                + "were -1 and 65536" + System.lineSeparator());
    }

    @Test
    void benchCallRefusesARateOutOfRangeBeforeStartingABroker() {
        int code = onex.execute("bench", "call", "--rate", "0");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --rate must be between 1 and 100000, but was 0"
                + System.lineSeparator());
    }

    @Test
    void benchPersistRefusesAnEmptyRunBeforeTouchingTheDatabase() {
        int code = onex.execute("bench", "persist", "--events", "0");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --events must be >= 1, but was 0" + System.lineSeparator());
    }
}
