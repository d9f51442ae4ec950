package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliExtensionTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void verbsOfAServiceLoadedExtensionRunAsTopLevelAndBenchVerbs() {
        assertThat(run("echo", "hello")).isZero();
        assertThat(run("bench", "echo", "again")).isZero();

        assertThat(out.toString()).contains("echo hello").contains("echo again");
    }

    @Test
    void anExtensionVerbFailsWithTheSharedErrorHandlingNotAStackTrace() {
        int code = run("echo", "boom");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: echo refused boom" + System.lineSeparator());
    }
}
