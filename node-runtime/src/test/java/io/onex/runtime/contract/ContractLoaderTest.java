package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicSettings;
import io.onex.runtime.yaml.FileProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractLoaderTest {

    private static final Path BAD = Path.of("src/test/resources/contracts/bad");
    private static final Path GOOD = Path.of("src/test/resources/contracts/good");
    private static final Path ERRORS = Path.of("src/test/resources/errors");
    private static final String HEAD = """
            name: sample
            version: 1.0.0
            node_type: effect
            implementation: io.onex.test.Sample
            """;

    private final ContractLoader loader = new ContractLoader(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"unknown_keys", "missing_required", "wrong_type", "out_of_range", "bad_duration",
            "short_heartbeat", "bad_enum", "bad_topic_name", "unset_env", "consumer_without_subscriptions",
            "failure_threshold_with_rate", "syntax_error", "several_problems", "served_elsewhere_with_serving_keys"})
    void reportsEachFailureModeWithItsPinnedMessage(String fixture) throws Exception {
        Path file = BAD.resolve(fixture + ".yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage(golden(fixture));
    }

    @Test
    void reportsDuplicateNamesAcrossAFolderAndLoadsOnlyYamlFiles() throws Exception {
        assertThatThrownBy(() -> loader.loadAll(Path.of("src/test/resources/contracts/duplicate")))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage(golden("duplicate"));
    }

    @Test
    void reportsEveryProblemOfAFileTogether() {
        ContractValidationException e = catchValidation(() -> loader.load(BAD.resolve("several_problems.yaml")));

        assertThat(e.problems()).extracting(FileProblem::field).containsExactly(
                "name", "version", "implementation", "resilience.timeout", "resilience.retry.max_attempts",
                "config.empty_value");
        assertThat(e.problems()).extracting(FileProblem::line).containsExactly(2, 3, 5, 7, 9, 11);
    }

    @Test
    void reportsEveryBadFileOfAFolderGroupedPerFileInNameOrder() {
        ContractValidationException e = catchValidation(() -> loader.loadAll(BAD));

        assertThat(e.getMessage()).startsWith(e.problems().size() + " errors in 14 files:\n"
                + "src/test/resources/contracts/bad/bad_duration.yaml:\n"
                + "  1) src/test/resources/contracts/bad/bad_duration.yaml:6:3: resilience.timeout: ");
        assertThat(e.getMessage()).contains("\nsrc/test/resources/contracts/bad/wrong_type.yaml:\n  ");
        assertThat(e.problems()).extracting(p -> p.file().getFileName().toString()).isSorted();
    }

    @Test
    void appliesDefaultsToAMinimalContract() throws Exception {
        NodeContract c = loader.load(GOOD.resolve("minimal.yaml"));

        assertThat(c.name()).isEqualTo("minimal");
        assertThat(c.version()).isEqualTo(new SemanticVersion(1, 0, 0, ""));
        assertThat(c.nodeType()).isEqualTo(NodeType.COMPUTE);
        assertThat(c.description()).isEmpty();
        assertThat(c.topics().subscribe()).isEmpty();
        assertThat(c.topics().publish()).isEmpty();
        assertThat(c.resilience()).isEqualTo(ResilienceSpec.defaults());
        assertThat(c.deadLetterEnabled()).isTrue();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.consumer()).isEmpty();
        assertThat(c.config()).isEmpty();
        assertThat(c.source()).contains(GOOD.resolve("minimal.yaml"));
    }

    @Test
    void appliesConsumerDefaultsWithTheContractNameAsGroupWhenTheNodeSubscribes() throws Exception {
        NodeContract c = loader.load(GOOD.resolve("subscriber.yaml"));

        assertThat(c.version().preRelease()).isEqualTo("rc.1");
        assertThat(c.topics().subscribe())
                .containsExactly("onex.evt.node-heartbeat.v1", "omninode_codegen_request_analyze_v1");
        assertThat(c.consumer()).contains(new ConsumerSpec("subscriber", 500, 100, 500, Duration.ofSeconds(1),
                "earliest"));
    }

    @Test
    void readsEveryKeyOfAFullContract() throws Exception {
        NodeContract c = loader.load(GOOD.resolve("full.yaml"));

        assertThat(c.implementation()).isEqualTo("io.onex.test.Full$Inner");
        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(4);
        assertThat(c.resilience().retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.resilience().retry().multiplier()).isEqualTo(1.5);
        assertThat(c.resilience().retry().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.resilience().retry().jitter()).isZero();
        assertThat(c.resilience().retry().retryOn()).containsExactly("java.io.IOException", "TimeoutException");
        assertThat(c.resilience().retry().neverRetryOn()).containsExactly("java.lang.IllegalArgumentException");
        assertThat(c.resilience().circuitBreaker()).isEqualTo(
                new CircuitBreakerSpec(false, 50f, 20, 10, Duration.ofHours(1), 3, true));
        assertThat(c.deadLetterEnabled()).isFalse();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.consumer()).contains(new ConsumerSpec("full-group", 10_000, 7, 50, Duration.ofMillis(200),
                "latest"));
        assertThat(c.config()).containsEntry("literal_int", 7).containsEntry("quoted", "7")
                .containsEntry("empty_quoted", "")
                .containsEntry("nested", Map.of("list", List.of("a", 1, false)));
    }

    @Test
    void reportsEveryProblemOfTopicSettingsWithItsPinnedMessage() throws Exception {
        Path file = Path.of("src/test/resources/contracts/bad-topic-settings/bad_topic_settings.yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage(golden("bad_topic_settings"));
    }

    @Test
    void reportsEveryProblemOfOutputsWithItsPinnedMessage() throws Exception {
        Path file = Path.of("src/test/resources/contracts/bad-outputs/bad_outputs.yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage(golden("bad_outputs"));
    }

    @Test
    void readsDeclaredOutputsInTheirOrderAndLeavesThemEmptyWhenNotDeclared() throws Exception {
        NodeContract declared = loader.parse(HEAD + """
                outputs:
                  word_count: integer
                  entities: list
                """, Path.of("inline.yaml"));
        NodeContract undeclared = loader.parse(HEAD, Path.of("inline.yaml"));

        assertThat(declared.outputs()).containsExactly(Map.entry("word_count", "integer"), Map.entry("entities", "list"));
        assertThat(declared.declaresOutputs()).isTrue();
        assertThat(undeclared.declaresOutputs()).isFalse();
    }

    @Test
    void readsTopicSettingsPerTopicAndLeavesWhatIsAbsentToTheDefaults() throws Exception {
        NodeContract c = loader.parse(HEAD + """
                topics:
                  subscribe: [agents.evt.agent-performance-metric.v1, agents.evt.agent-quality-gate.v1]
                topic_settings:
                  agents.evt.agent-performance-metric.v1:
                    partitions: 6
                    retention: 336h
                    payload_schema: io/onex/test/metric.v1.json
                  agents.evt.agent-quality-gate.v1:
                    retention: 168h
                """, Path.of("inline.yaml"));

        assertThat(c.topicSettings()).containsExactly(
                Map.entry("agents.evt.agent-performance-metric.v1", new TopicSettings(OptionalInt.of(6),
                        Optional.of(Duration.ofDays(14)), Optional.of("io/onex/test/metric.v1.json"))),
                Map.entry("agents.evt.agent-quality-gate.v1", new TopicSettings(OptionalInt.empty(),
                        Optional.of(Duration.ofDays(7)), Optional.empty())));
        assertThat(loader.parse(HEAD, Path.of("inline.yaml")).topicSettings()).isEmpty();
    }

    @Test
    void renamesATopicAndItsSettingsTogetherWhenBothReferenceTheSameVariable() throws Exception {
        ContractLoader renamed = new ContractLoader(Map.of("TEST_REQUEST_TOPIC", "acme.requests",
                "TEST_RESPONSE_TOPIC", "acme.responses", "TEST_DLQ_TOPIC", "acme.requests.dead"));

        NodeContract c = renamed.load(Path.of("src/test/resources/contracts/env-topics/env_topics.yaml"));

        assertThat(c.topics().subscribe()).containsExactly("acme.requests");
        assertThat(c.topics().publish()).containsExactly("acme.responses");
        assertThat(c.topicSettings()).containsExactly(
                Map.entry("acme.requests", new TopicSettings(OptionalInt.of(3), Optional.of(Duration.ofDays(7)),
                        Optional.empty(), Optional.of("acme.requests.dead"))),
                Map.entry("acme.responses", new TopicSettings(OptionalInt.of(6), Optional.empty(), Optional.empty(),
                        Optional.empty())));
    }

    @Test
    void keepsTheDefaultTopicsAndTheirSettingsWhenTheVariablesAreUnset() throws Exception {
        NodeContract c = loader.load(Path.of("src/test/resources/contracts/env-topics/env_topics.yaml"));

        assertThat(c.topics().subscribe()).containsExactly("requests_v1");
        assertThat(c.topicSettings()).containsOnlyKeys("requests_v1", "responses_v1");
        assertThat(c.topicSettings().get("requests_v1").deadLetterTopic()).contains("requests_dlq_v1");
    }

    @Test
    void reportsTopicSettingsKeysThatDoNotNameATopicAfterSubstitutionWithTheirPinnedMessage() throws Exception {
        ContractLoader renamed = new ContractLoader(Map.of("TEST_REQUEST_TOPIC", "acme.requests",
                "TEST_RESPONSE_TOPIC", "acme.responses"));
        Path file = Path.of("src/test/resources/contracts/bad-env-topics/bad_env_topics.yaml");

        assertThatThrownBy(() -> renamed.load(file))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage(golden("bad_env_topics"));
    }

    @Test
    void substitutesTheDefaultWhenTheVariableIsUnset() throws Exception {
        NodeContract c = loader.load(GOOD.resolve("full.yaml"));

        assertThat(c.config()).containsEntry("url", "http://localhost:8080/x").containsEntry("port", 8080)
                .containsEntry("ratio", 0.5).containsEntry("flag", true).containsEntry("prefix", "");
    }

    @Test
    void substitutesSetVariablesInsideLongerStringsAndTypesConfigValuesAfterwards() throws Exception {
        ContractLoader withEnv = new ContractLoader(Map.of("HOST", "kafka.internal", "PORT", "9092",
                "RATIO", "2.5", "FLAG", "false", "PREFIX", "dev.archon-intelligence", "RETRIES", "7"));

        NodeContract c = withEnv.load(GOOD.resolve("full.yaml"));

        assertThat(c.config()).containsEntry("url", "http://kafka.internal:9092/x").containsEntry("port", 9092)
                .containsEntry("ratio", 2.5).containsEntry("flag", false)
                .containsEntry("prefix", "dev.archon-intelligence");
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(7);
    }

    @Test
    void interpretsASubstitutedValueAsTheFieldsType() throws Exception {
        String yaml = HEAD + """
                resilience:
                  timeout: ${env:TIMEOUT:-750ms}
                  retry:
                    max_attempts: ${env:RETRIES:-3}
                    jitter: ${env:JITTER:-0.5}
                dead_letter:
                  enabled: ${env:DLQ:-false}
                """;

        NodeContract c = new ContractLoader(Map.of("RETRIES", "5")).parse(yaml, Path.of("inline.yaml"));

        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(5);
        assertThat(c.resilience().retry().jitter()).isEqualTo(0.5);
        assertThat(c.deadLetterEnabled()).isFalse();
    }

    @Test
    void checksTheSubstitutedValueAgainstTheFieldsRange() {
        String yaml = HEAD + """
                resilience:
                  retry:
                    max_attempts: ${env:RETRIES:-3}
                """;

        ContractValidationException e = catchValidation(
                () -> new ContractLoader(Map.of("RETRIES", "0")).parse(yaml, Path.of("inline.yaml")));

        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("inline.yaml:7:5: resilience.retry.max_attempts: must be >= 1, but was 0");
    }

    @Test
    void readsOnlyTrueAndFalseAsBooleansAsYaml12Does() {
        String yaml = HEAD + """
                dead_letter:
                  enabled: yes
                config:
                  answer: no
                """;

        ContractValidationException e = catchValidation(() -> loader.parse(yaml, Path.of("inline.yaml")));

        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("inline.yaml:6:3: dead_letter.enabled: expected true or false, but was 'yes'");
    }

    @Test
    void rejectsAMalformedEnvironmentReference() {
        String yaml = HEAD + "description: ${env:1BAD}\n";

        ContractValidationException e = catchValidation(() -> loader.parse(yaml, Path.of("inline.yaml")));

        assertThat(e.problems()).extracting(Object::toString).containsExactly("inline.yaml:5:1: description: "
                + "malformed environment reference '${env:1BAD}', expected ${env:NAME} or ${env:NAME:-default} "
                + "with NAME like [A-Za-z_][A-Za-z0-9_]*");
    }

    @Test
    void expandsFailureThresholdIntoConsecutiveFailures() throws Exception {
        String yaml = HEAD + """
                resilience:
                  circuit_breaker:
                    failure_threshold: 7
                    wait_in_open: 1m
                """;

        NodeContract c = loader.parse(yaml, Path.of("inline.yaml"));

        assertThat(c.resilience().circuitBreaker())
                .isEqualTo(new CircuitBreakerSpec(true, 100f, 7, 7, Duration.ofMinutes(1), 1, false));
    }

    @Test
    void defaultsMinimumCallsToASmallerSlidingWindow() throws Exception {
        String yaml = HEAD + """
                resilience:
                  circuit_breaker:
                    sliding_window_size: 3
                """;

        NodeContract c = loader.parse(yaml, Path.of("inline.yaml"));

        assertThat(c.resilience().circuitBreaker().minimumCalls()).isEqualTo(3);
    }

    @Test
    void rejectsADuplicateKeyInOneMapping() {
        String yaml = HEAD + "name: again\n";

        ContractValidationException e = catchValidation(() -> loader.parse(yaml, Path.of("inline.yaml")));

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "inline.yaml:5:1: duplicate key 'name', already given at line 1; expected each key once");
    }

    @Test
    void reportsAnEmptyFile() {
        ContractValidationException e = catchValidation(() -> loader.parse("# nothing\n", Path.of("empty.yaml")));

        assertThat(e.getMessage()).isEqualTo("1 error in empty.yaml:\n  1) empty.yaml:1:1: the file is empty, "
                + "expected a contract with at least name, version, node_type and implementation");
    }

    @Test
    void reportsADocumentThatIsNoMapping() {
        ContractValidationException e = catchValidation(() -> loader.parse("- a\n- b\n", Path.of("list.yaml")));

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "list.yaml:1:1: expected a mapping of contract keys (name, version, ...), but was a list");
    }

    @Test
    void reportsAMissingFileByItsPathAsGiven() {
        Path missing = Path.of("contracts", "nope.yaml");

        ContractValidationException e = catchValidation(() -> loader.load(missing));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(missing);
            assertThat(p.toString()).startsWith("contracts/nope.yaml: cannot read the file: ");
        });
    }

    @Test
    void loadsAFolderInFileNameOrder() throws Exception {
        List<NodeContract> all = loader.loadAll(GOOD);

        assertThat(all).extracting(NodeContract::name).containsExactly("full", "minimal", "subscriber");
    }

    @Test
    void parseUsesTheGivenNameAsSource() throws Exception {
        NodeContract c = loader.parse(HEAD, Path.of("embedded/sample.yaml"));

        assertThat(c.source()).contains(Path.of("embedded/sample.yaml"));
    }

    private static String golden(String name) throws Exception {
        return Files.readString(ERRORS.resolve(name + ".txt"), StandardCharsets.UTF_8).stripTrailing();
    }

    private interface Load {
        Object run() throws ContractValidationException;
    }

    private static ContractValidationException catchValidation(Load load) {
        try {
            load.run();
        } catch (ContractValidationException e) {
            return e;
        }
        throw new AssertionError("expected a ContractValidationException");
    }
}
