package io.onex.nodes.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The validate handler as its shipped contract runs it (NodeTestKit: the runtime's wiring, no broker). */
class CodegenValidationEffectTest {

    static final Path CONTRACT = Path.of("../contracts/codegen_validation_effect.yaml");
    static final Path FIXTURES = Path.of("src/test/resources/io/onex/nodes/codegen");
    static final String REQUESTS = "omninode_codegen_request_validate_v1";
    static final String RESPONSES = "omninode_codegen_response_validate_v1";
    /** The services' variables (002_da2bfda8327ada79.txt) and ours for the DLQ, renaming every topic of the node. */
    static final Map<String, String> RENAMED = Map.of("KAFKA_CODEGEN_VALIDATE_REQUEST", "acme.validate.req",
            "KAFKA_CODEGEN_VALIDATE_RESPONSE", "acme.validate.resp", "KAFKA_CODEGEN_VALIDATE_DLQ", "acme.validate.dlq");

    @Test
    void aPythonShapedRequestIsAnsweredWithTheLocatedProblemsUnderItsCorrelationId() throws Exception {
        byte[] pythonBytes = Files.readAllBytes(FIXTURES.resolve("python-validate-request.json"));
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            RecordOutcome outcome = kit.deliverBytes(REQUESTS, null, pythonBytes).join();

            assertThat(outcome).isEqualTo(RecordOutcome.PROCESSED);
            PublishedRecord response = single(kit.publishedTo(RESPONSES));
            assertThat(response.eventType()).isEqualTo(CodegenValidationEffect.RESPONSE_TYPE);
            assertThat(response.envelope().correlationId()).isEqualTo("c0ffee00-1111-4222-8333-444455556666");
            assertThat(response.key()).isEqualTo("c0ffee00-1111-4222-8333-444455556666");
            Map<String, Object> payload = response.payload();
            assertThat(payload).containsEntry("request_event_id", "7d3f1c2a-4b5e-4f60-9a1b-2c3d4e5f6a7b")
                    .containsEntry("file_name", "pricing_effect.yaml").containsEntry("kind", "contract")
                    .containsEntry("valid", false);
            assertThat(texts(payload) + "\n").isEqualTo(Files.readString(
                    FIXTURES.resolve("python-validate-request.problems.txt"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWorkflowOnNodesNotKnownHereIsValidWithAWarningPerStep() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            kit.deliver(REQUESTS, request(Map.of("file_name", "wf.yaml", "yaml", """
                    name: wf
                    version: 1.0.0
                    steps:
                      - name: price
                        type: compute
                        node: pricing_compute
                    """))).join();

            Map<String, Object> payload = single(kit.publishedTo(RESPONSES)).payload();
            assertThat(payload).containsEntry("kind", "workflow").containsEntry("valid", true)
                    .containsEntry("error_count", 0).containsEntry("warning_count", 1);
            assertThat(texts(payload)).startsWith("wf.yaml:6:5: steps[0].node: node 'pricing_compute' has no "
                    + "contract here");
        }
    }

    @Test
    void aRequestWithoutYamlIsStillAnsweredInvalidNamingTheField() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            kit.deliver(REQUESTS, request(Map.of("yaml", List.of("not", "text")))).join();

            Map<String, Object> payload = single(kit.publishedTo(RESPONSES)).payload();
            assertThat(payload).containsEntry("valid", false);
            assertThat(texts(payload)).isEqualTo("payload.yaml: expected the YAML document to validate as a non-empty "
                    + "string, but was a list");
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void aValidContractIsAnsweredValidWithoutProblems() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            kit.deliver(REQUESTS, request(Map.of("yaml", Files.readString(CONTRACT)))).join();

            assertThat(single(kit.publishedTo(RESPONSES)).payload()).containsEntry("valid", true)
                    .containsEntry("problems", List.of());
        }
    }

    @Test
    void aRequestWhoseResponseCannotBePublishedGoesToTheServicesNamedDeadLetterTopic() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).holdSends().build()) {
            var outcome = kit.deliver(REQUESTS, request(Map.of("yaml", "name: x\n")));
            int refused = 0;
            while (kit.acknowledgeSendsUntil(RESPONSES)) {
                kit.refuseNextSend(new IllegalStateException("response topic unavailable"));
                refused++;
                kit.advance(Duration.ofSeconds(2)); // the contract's backoff before the next attempt
            }
            kit.acknowledgeAllSends();

            assertThat(refused).as("the contract's 3 attempts").isEqualTo(3);
            assertThat(outcome.join()).isEqualTo(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement()
                    .satisfies(d -> assertThat(d.topic()).isEqualTo("omninode_codegen_dlq_validate_v1"));
        }
    }

    @Test
    void theServicesVariablesRenameTheRequestAndResponseTopicsAndTheirSettingsFollow() throws Exception {
        byte[] pythonBytes = Files.readAllBytes(FIXTURES.resolve("python-validate-request.json"));
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).environment(RENAMED).build()) {
            RecordOutcome outcome = kit.deliverBytes("acme.validate.req", null, pythonBytes).join();

            assertThat(outcome).isEqualTo(RecordOutcome.PROCESSED);
            assertThat(single(kit.publishedTo("acme.validate.resp")).envelope().correlationId())
                    .isEqualTo("c0ffee00-1111-4222-8333-444455556666");
            assertThat(kit.publishedTo(RESPONSES)).isEmpty();
            assertThat(kit.contract().topicSettings()).containsOnlyKeys("acme.validate.req", "acme.validate.resp");
            assertThat(kit.contract().topicSettings().get("acme.validate.req").partitions()).hasValue(3);
        }
    }

    @Test
    void aRequestWhoseResponseCannotBePublishedGoesToTheRenamedDeadLetterTopic() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).environment(RENAMED).holdSends().build()) {
            var outcome = kit.deliver("acme.validate.req", request(Map.of("yaml", "name: x\n")));
            while (kit.acknowledgeSendsUntil("acme.validate.resp")) {
                kit.refuseNextSend(new IllegalStateException("response topic unavailable"));
                kit.advance(Duration.ofSeconds(2)); // the contract's backoff before the next attempt
            }
            kit.acknowledgeAllSends();

            assertThat(outcome.join()).isEqualTo(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement()
                    .satisfies(d -> assertThat(d.topic()).isEqualTo("acme.validate.dlq"));
        }
    }

    private static EventEnvelope request(Map<String, Object> payload) {
        return EventEnvelope.create("CODEGEN_VALIDATE_REQUESTED", "corr-1", null, java.time.Instant.EPOCH,
                new io.onex.api.EventSource("omniclaude", "effect", "omniclaude-1"), Map.of(), payload);
    }

    private static PublishedRecord single(List<PublishedRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @SuppressWarnings("unchecked")
    static String texts(Map<String, Object> payload) {
        return ((List<Map<String, Object>>) payload.get("problems")).stream().map(p -> (String) p.get("text"))
                .collect(Collectors.joining("\n"));
    }
}
