package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OnexRuntime.Builder#build()} checks everything up front and starts nothing. */
class OnexRuntimeBuildTest {

    @Test
    void badConfigurationAndBadContractAreReportedTogetherBeforeAnythingStarts() {
        OnexRuntime.Builder builder = OnexRuntime.builder()
                .environment(Map.of("KAFKA_MAX_POLL_RECORDS", "0"))
                .contracts(Path.of("src/test/resources/contracts/bad/out_of_range.yaml"));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(RuntimeStartupException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getMessage())
                            .startsWith("Unable to start the ONEX runtime, see the following 2 errors:")
                            .contains("Invalid value 0 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000")
                            .contains("out_of_range.yaml:");
                });
    }

    @Test
    void contractNamingAClassOfTheWrongKindIsRejectedWithTheFileAndField() {
        OnexRuntime.Builder builder = OnexRuntime.builder()
                .environment(Map.of())
                .contracts(Path.of("src/test/resources/cli/wrong_kind.yaml"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(RuntimeStartupException.class)
                .hasMessageContaining("src/test/resources/cli/wrong_kind.yaml: implementation: "
                        + "io.onex.runtime.it.UppercaseEchoNode does not implement ComputeNode, as node_type compute requires");
    }

    @Test
    void sameContractNameTwiceIsRejected() {
        OnexRuntime.Builder builder = OnexRuntime.builder()
                .environment(Map.of())
                .contracts(Path.of("src/test/resources/it-contracts/uppercase_echo.yaml"))
                .contracts(Path.of("src/test/resources/it-contracts/uppercase_echo.yaml"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(RuntimeStartupException.class)
                .hasMessageContaining("contract name 'uppercase_echo' is used twice");
    }

    @Test
    void validInputBuildsARuntimeThatIsNotYetRunning() {
        OnexRuntime runtime = OnexRuntime.builder()
                .environment(Map.of())
                .contracts(Path.of("src/test/resources/it-contracts"))
                .build();

        assertThat(runtime.contracts()).extracting(c -> c.name()).containsExactly("uppercase_echo");
        assertThatThrownBy(() -> runtime.call("uppercase_echo", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is new, not running");
        runtime.close();
        runtime.close();
        assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
