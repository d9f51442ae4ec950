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
    void verbsOfAServiceLoadedExtensionRunAsTopLevelVerbs() {
        assertThat(run("echo", "hello")).isZero();

        assertThat(out.toString()).contains("echo hello");
    }

    @Test
    void theRuntimeAloneOffersNoBenchVerb() {
        // the benchmarks live in the bench module, which adds `onex bench` as an extension of its own
        int code = run("bench");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("Unmatched argument at index 0: 'bench'");
    }

    @Test
    void anExtensionVerbFailsWithTheSharedErrorHandlingNotAStackTrace() {
        int code = run("echo", "boom");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: echo refused boom" + System.lineSeparator());
    }
}
