package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads of a step's result are checked against the outputs its node declares, at load time; misses at run time list what is there. */
class WorkflowOutputFieldsTest {

    /** {@code echo} declares its outputs; {@code publish} does not. */
    private final WorkflowLoader loader = new WorkflowLoader(FakeNodes.TYPES,
            Map.of("echo", FakeNodes.outputs("word_count", "integer", "entities", "list")));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static String reading(String expression) {
        return """
                name: reads
                version: 1.0.0
                steps:
                  - name: stats
                    type: compute
                    node: echo
                    input: {text: hello}
                  - name: publish
                    type: effect
                    node: publish
                    depends_on: [stats]
                    input:
                      value: %s
                """.formatted(expression);
    }

    @Test
    void aMisspelledFieldOfADeclaringNodeIsRejectedNamingTheStepTheFieldAndTheDeclaredFields() {
        assertThatThrownBy(() -> loader.parse(reading("${stats.wrd_count}"), Path.of("reads.yaml")))
                .isInstanceOf(WorkflowValidationException.class)
                .satisfies(e -> assertThat(((WorkflowValidationException) e).problems())
                        .extracting(FileProblem::toString)
                        .containsExactly("reads.yaml:13:7: steps[1].input.value: expression '${stats.wrd_count}' reads "
                                + "field 'wrd_count' of step 'stats', which node 'echo' does not declare among its "
                                + "outputs; expected one of word_count, entities"));
    }

    @Test
    void aMisspelledFieldInsideALargerCelExpressionIsRejectedToo() {
        assertThatThrownBy(() -> loader.parse(reading("\"${size(stats.entities) + stats.word_cout}\""),
                Path.of("reads.yaml")))
                .isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("reads field 'word_cout' of step 'stats'");
    }

    @Test
    void declaredFieldsTheLengthPseudoFieldAndHasChecksAreAccepted() throws Exception {
        WorkflowDefinition wf = loader.parse(reading(
                "\"${stats.word_count} ${stats.entities.length} ${stats.length} ${has(stats.sentences)} ${'stats.x'}\""),
                Path.of("reads.yaml"));

        assertThat(wf.nodeSteps()).hasSize(2);
    }

    @Test
    void theShippedIngestionWorkflowWithAMisspelledStatisticIsRejectedAgainstTheShippedContracts() throws Exception {
        WorkflowLoader shipped = WorkflowLoader.forContracts(
                new io.onex.runtime.contract.ContractLoader(Map.of()).loadAll(Path.of("../contracts")));
        String yaml = java.nio.file.Files.readString(Path.of("../workflows/document_ingestion.yaml"))
                .replace("${extraction_result.word_count}", "${extraction_result.wrd_count}");

        assertThatThrownBy(() -> shipped.parse(yaml, Path.of("document_ingestion.yaml")))
                .isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("expression '${extraction_result.wrd_count}' reads field 'wrd_count' of step "
                        + "'extraction_result', which node 'text_statistics_compute' does not declare among its "
                        + "outputs; expected one of document_id, word_count, sentence_count, entities, relationships");
    }

    @Test
    void aNodeThatDeclaresNoOutputsIsNotChecked() throws Exception {
        WorkflowDefinition wf = loader.parse("""
                name: unchecked
                version: 1.0.0
                steps:
                  - name: send
                    type: effect
                    node: publish
                    input: {text: hello}
                outputs:
                  anything: ${send.whatever_it_returns}
                """, Path.of("unchecked.yaml"));

        assertThat(wf.outputs()).containsKey("anything");
    }

    @Test
    void aKeyMissingAtRunTimeIsReportedWithTheKeysThatArePresent() throws Exception {
        WorkflowEngine engine = WorkflowEngine.builder().invoker(new FakeNodes()).publisher(new RecordingEventPublisher())
                .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS).scheduler(scheduler).build();
        WorkflowDefinition wf = new WorkflowLoader(FakeNodes.TYPES).parse("""
                name: missing
                version: 1.0.0
                steps:
                  - name: stats
                    type: compute
                    node: echo
                    input: {word_count: 3, entities: [Ada]}
                  - name: publish
                    type: effect
                    node: publish
                    depends_on: [stats]
                    input: {value: "${stats.wrd_count}"}
                """, Path.of("missing.yaml"));

        WorkflowResult r = engine.start(wf, Map.of()).result().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.FAILED);
        assertThat(r.error().step()).isEqualTo("publish");
        assertThat(r.error().message()).isEqualTo("missing.yaml:12:13: expression '${stats.wrd_count}' failed: "
                + "evaluation error at <input>:5: key 'wrd_count' is not present in map; stats has the keys entities, "
                + "word_count");
    }
}
