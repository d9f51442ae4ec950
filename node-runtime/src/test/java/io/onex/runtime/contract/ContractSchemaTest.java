package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractSchemaTest {

    private static final Path BAD = Path.of("src/test/resources/contracts/bad");
    private final ContractSchema schema = new ContractSchema();

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "subscriber", "full"})
    void acceptsValidContracts(String name) {
        assertThat(schema.validate(Path.of("src/test/resources/contracts/good", name + ".yaml"))).isEmpty();
    }

    /** Failure modes JSON Schema can express: the schema flags the same lines as the loader. */
    @ParameterizedTest
    @ValueSource(strings = {"unknown_keys", "missing_required", "wrong_type", "bad_duration", "short_heartbeat",
            "bad_enum", "consumer_without_subscriptions", "syntax_error", "several_problems"})
    void flagsTheLinesTheLoaderFlags(String fixture) {
        Path file = BAD.resolve(fixture + ".yaml");
        Set<Integer> loaderLines = loaderProblems(file).stream().map(FileProblem::line).collect(Collectors.toSet());

        Set<Integer> schemaLines = schema.validate(file).stream().map(FileProblem::line)
                .collect(Collectors.toSet());

        assertThat(schemaLines).containsAll(loaderLines);
    }

    @Test
    void locatesAnUnknownNestedKeyAtTheKey() {
        assertThat(schema.validate(BAD.resolve("unknown_keys.yaml")))
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo("resilience.retri");
                    assertThat(p.line()).isEqualTo(8);
                    assertThat(p.column()).isEqualTo(3);
                });
    }

    @Test
    void locatesAnOutOfRangeValueAtItsKey() {
        assertThat(schema.validate(BAD.resolve("out_of_range.yaml")))
                .anySatisfy(p -> {
                    assertThat(p.toString()).startsWith(
                            "src/test/resources/contracts/bad/out_of_range.yaml:7:5: resilience.retry.max_attempts: ");
                });
    }

    @Test
    void reportsCombinedBreakerFormsAtTheBreakerWithTheSchemasOwnWords() {
        assertThat(schema.validate(BAD.resolve("failure_threshold_with_rate.yaml"))).extracting(Object::toString)
                .containsExactly("src/test/resources/contracts/bad/failure_threshold_with_rate.yaml:6:3: "
                        + "resilience.circuit_breaker: failure_threshold (N consecutive failures) cannot be combined "
                        + "with failure_rate_threshold, sliding_window_size or minimum_calls");
    }

    @Test
    void reportsAConsumerWithoutSubscriptionsAtTheConsumerKey() {
        assertThat(schema.validate(BAD.resolve("consumer_without_subscriptions.yaml"))).extracting(Object::toString)
                .containsExactly("src/test/resources/contracts/bad/consumer_without_subscriptions.yaml:7:1: "
                        + "consumer: allowed only when topics.subscribe lists at least one topic");
    }

    @Test
    void acceptsEnvironmentReferencesWhereValuesAreExpected() {
        String yaml = """
                name: env_refs
                version: 1.0.0
                node_type: effect
                implementation: io.onex.test.Node
                resilience:
                  timeout: ${env:TIMEOUT:-5s}
                  retry:
                    max_attempts: ${env:RETRIES}
                """;

        assertThat(schema.validate(yaml, Path.of("inline.yaml"))).isEmpty();
    }

    @Test
    void schemaDeclaresEveryTopLevelKeyTheLoaderKnows() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) new ObjectMapper().readValue(ContractSchema.schemaText(), Map.class)
                .get("properties");

        assertThat(properties.keySet()).containsExactlyElementsOf(
                ContractTable.keysOf(""));
    }

    private static java.util.List<FileProblem> loaderProblems(Path file) {
        try {
            new ContractLoader(Map.of()).load(file);
            return java.util.List.of();
        } catch (ContractValidationException e) {
            return e.problems();
        }
    }
}
