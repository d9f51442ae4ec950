package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The client bench runs both contenders on an embedded broker and prints its key=value line (no timing asserted). */
class BenchClientCommandIT {

    @Test
    void printsBothContendersAndTheRatioOnOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("bench", "client", "--records", "3000", "--rounds", "1", "--window", "500");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("round 1 raw kafka-clients +3000 records in .* failures 0")
                .containsPattern("round 1 OnexClient +3000 records in .* failures 0")
                .containsPattern("client_ratio=\\d+\\.\\d{3} client_median=\\d+ raw_median=\\d+ records=3000 rounds=1"
                        + " window=500 load=");
    }

    @Test
    void theMessageBothSendIsSmall() {
        assertThat(BenchClientCommand.message(123_456).getSerializedSize()).isBetween(40, 80);
    }
}
