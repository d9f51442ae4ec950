package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code onex call} against a running runtime: the CLI is a caller runtime without nodes. */
class CallCommandIT {

    @Test
    void callPrintsTheOutputOfANodeARunningRuntimeServes() {
        // the CLI reads the process environment: the serving runtime uses the default environment and tenant too
        try (OnexRuntime serving = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/remote-call-contracts/b"))
                .environment(Map.of("ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int exit = OnexCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("call",
                    "pricing_compute", "--input", "{\"sku\":\"tea\",\"qty\":5}", "--bootstrap",
                    SharedKafka.bootstrapServers(), "--timeout", "20s");

            assertThat(err.toString()).isEmpty();
            assertThat(exit).isZero();
            assertThat(out.toString().trim()).isEqualTo("{\"price\":15}");
        }
    }

    @Test
    void callOfANodeNobodyServesFailsSayingSo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = OnexCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("call", "nobody_serves_this",
                "--bootstrap", SharedKafka.bootstrapServers(), "--timeout", "2s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no live instance of 'nobody_serves_this' (never seen)");
    }
}
