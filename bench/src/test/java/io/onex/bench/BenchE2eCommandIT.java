package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code onex bench e2e} runs end to end at a tiny rate and prints its figures beside the baseline's (no timing asserted). */
class BenchE2eCommandIT {

    @Test
    void printsEveryPhaseAndOneSummaryLineWithTheNodesAndTheRawPairsPercentiles() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("bench", "e2e",
                "--rate", "50", "--seconds", "2", "--slices", "2", "--warmup-seconds", "1", "--ramp", "50", "--ramp-seconds", "1",
                "--contracts", "../contracts");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("phase=measured "))).hasSize(2);
        assertThat(out.toString().lines().filter(l -> l.startsWith("phase=ramp "))).hasSize(2);
        String summary = out.toString().lines().filter(l -> l.startsWith("e2e_p99_ratio=")).findFirst().orElseThrow();
        for (String key : new String[] {"rate=50", "seconds=2.0", "node_p50_ms=", "node_p95_ms=", "node_p99_ms=",
                "node_p999_ms=", "raw_p50_ms=", "raw_p95_ms=", "raw_p99_ms=", "raw_p999_ms=", "node_lost=0",
                "raw_lost=0", "node_max_rate_p99_under_100ms=", "raw_max_rate_p99_under_100ms=", "linger_ms=5",
                "batch_size=65536", "load_avg_1m="}) {
            assertThat(summary).contains(" " + key);
        }
    }
}
