package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operator verb answers {@code --help} with its options and the exit codes it uses, without a cluster. */
class OperatorVerbsHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"topics", "topics create", "groups", "tail", "dlq list", "dlq show", "dlq replay"})
    void helpListsTheBootstrapOptionAndTheExitCodes(String verb) {
        OperatorVerbs.Result r = OperatorVerbs.run((verb + " --help").split(" "));

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: onex " + verb + " ").contains("--bootstrap=HOST:PORT", "Exit codes:",
                "  0   ", "  2   usage", "  3   the cluster cannot be reached within 5 s, or refused authentication");
    }
}
