package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import io.onex.runtime.testing.SharedKafka;
import org.junit.jupiter.api.Test;

/** {@code onex serve} starts the nodes of a contracts folder on an embedded broker and stops them again. */
class ServeCommandIT {

    @Test
    void serveStartsTheContractsNodesPrintsThemAndStopsAfterTheGivenTime() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(
                "serve", "--contracts", "src/test/resources/it-contracts", "--for", "1s", "--http-port", "0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("bootstrap=127\\.0\\.0\\.1:\\d+")
                .containsPattern("http=http://127\\.0\\.0\\.1:\\d+ ")
                .containsPattern("node uppercase_echo +uppercase-echo-[0-9a-f]{8} +1\\.0\\.0 +effect");
    }

    @Test
    void waitForBrokerStartsAtOnceWhenTheClusterAnswers() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(
                "serve", "--contracts", "src/test/resources/it-contracts", "--timeout", "1s", "--http-port", "-1",
                "--bootstrap", SharedKafka.bootstrapServers(), "--wait-for-broker", "30s");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("cluster " + SharedKafka.bootstrapServers() + " answered")
                .doesNotContain("waiting for the cluster");
        assertThat(out.toString()).contains("bootstrap=" + SharedKafka.bootstrapServers());
    }

    @Test
    void waitForBrokerWithoutAClusterIsAUsageError() {
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(
                "serve", "--contracts", "src/test/resources/it-contracts", "--wait-for-broker", "30s");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--wait-for-broker needs a cluster (--bootstrap or KAFKA_BOOTSTRAP_SERVERS):"
                + " the embedded broker needs no wait");
    }

    @Test
    void serveWithABrokenContractExitsOneListingTheProblem() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(
                "serve", "--contracts", "src/test/resources/cli/wrong_kind.yaml", "--for", "1s");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: Unable to start the ONEX runtime")
                .contains("does not implement ComputeNode")
                .doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("bootstrap=");
    }
}
