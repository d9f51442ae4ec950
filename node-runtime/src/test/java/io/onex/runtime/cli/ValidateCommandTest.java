package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void validContractExitsZeroAndNamesIt() {
        int code = run("validate", "src/test/resources/it-contracts/uppercase_echo.yaml");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("uppercase_echo 1.0.0, effect");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void brokenContractExitsOneWithEveryProblemLocatedAndNoStackTrace() {
        int code = run("validate", "src/test/resources/contracts/bad/several_problems.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("6 errors in src/test/resources/contracts/bad/several_problems.yaml:")
                .contains("several_problems.yaml:9:5: resilience.retry.max_attempts: must be <= 100, but was 101")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void contractWhoseClassIsMissingFailsValidationNamingTheClass() {
        int code = run("validate", "src/test/resources/cli/missing_class.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(
                "implementation: class io.onex.runtime.cli.NoSuchNode is not on the classpath, expected a class implementing EffectNode");
    }

    @Test
    void missingFileIsReportedNotThrown() {
        int code = run("validate", "no/such/contract.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no/such/contract.yaml: no such file or folder");
    }
}
