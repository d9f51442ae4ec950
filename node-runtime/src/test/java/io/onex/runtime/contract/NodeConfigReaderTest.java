package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicsSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeConfigReaderTest {
    private static final Set<String> KEYS = Set.of("size", "wait", "name", "types");

    private static NodeContract contract(Map<String, Object> config) {
        return new NodeContract("sample", SemanticVersion.parse("1.0.0"), NodeType.EFFECT, "", "com.example.Sample",
                new TopicsSpec(List.of(), List.of()), ResilienceSpec.defaults(), true, Duration.ofSeconds(30),
                Optional.empty(), config, Optional.of(Path.of("contracts/sample.yaml")));
    }

    @Test
    void readsTypedValuesAndTextFromEnvironmentSubstitutionAlike() {
        NodeConfigReader config = NodeConfigReader.of(contract(Map.of("size", 42, "wait", "250ms", "name", " x ",
                "types", "a, b,,c")), KEYS);

        assertThat(config.integer("size", 1, 1, 100)).isEqualTo(42);
        assertThat(config.duration("wait", Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(250));
        assertThat(config.text("name", "d")).isEqualTo("x");
        assertThat(config.names("types", Set.of())).containsExactlyInAnyOrder("a", "b", "c");
        config.check();
    }

    @Test
    void absentOrBlankValuesReadAsTheirFallbacks() {
        NodeConfigReader config = NodeConfigReader.of(contract(Map.of("name", " ")), KEYS);

        assertThat(config.integer("size", 7, 1, 100)).isEqualTo(7);
        assertThat(config.duration("wait", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.text("name", "fallback")).isEqualTo("fallback");
        assertThat(config.names("types", Set.of("all"))).containsExactly("all");
        config.check();
    }

    @Test
    void everyProblemIsReportedTogetherNamingTheFileTheKeyAndWhatWasExpected() {
        NodeConfigReader config = NodeConfigReader.of(contract(Map.of("sise", 1, "size", "0", "wait", "soon",
                "types", List.of("a", " "))), KEYS);
        config.integer("size", 1, 1, 100);
        config.duration("wait", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(10));
        config.names("types", Set.of());
        config.problem("resilience.timeout must be longer than config.wait");

        assertThatThrownBy(config::check).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "5 errors in contracts/sample.yaml: config.sise: unknown key, expected one of [name, size, types, wait];"
                        + " config.size: expected a whole number from 1 to 100, but was '0';"
                        + " config.wait: expected a positive duration like 500ms, 5s or 1m, but was 'soon';"
                        + " config.types: expected names, but the list holds an empty one;"
                        + " resilience.timeout must be longer than config.wait");
    }

    @Test
    void aDurationOutsideItsRangeNamesTheRange() {
        NodeConfigReader config = NodeConfigReader.of(contract(Map.of("wait", "2m")), KEYS);
        config.duration("wait", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThatThrownBy(config::check).hasMessage(
                "contracts/sample.yaml: config.wait: expected a duration from 100ms to 30000ms, but was '2m'");
    }
}
