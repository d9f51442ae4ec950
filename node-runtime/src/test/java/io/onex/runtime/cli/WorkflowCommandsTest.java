package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int onex(String... args) {
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void validateTakesAFolderOfWorkflowsAndChecksThemAgainstTheContracts() {
        // (node classes live in the nodes module, so this module's tests validate workflows only)
        int code = onex("validate", "--contracts", "../contracts", "../workflows");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ok   ../workflows/document_ingestion.yaml  (workflow document_ingestion 1.0.0, 3 steps)")
                .contains("ok   ../workflows/document_triage.yaml  (workflow document_triage 1.0.0, 4 steps)");
    }

    @Test
    void validateReportsAnInvalidWorkflowWithItsLocationAndFails() {
        int code = onex("validate", "--contracts", "../contracts", "src/test/resources/workflows/bad/unknown_dependency.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("src/test/resources/workflows/bad/unknown_dependency.yaml:10:25: "
                + "steps[1].depends_on[1]: unknown step 'extract', expected one of count");
    }

    @Test
    void runStartsOnlyTheNodesTheWorkflowsStepsAndFailureHandlersName() throws Exception {
        var loaded = new io.onex.runtime.contract.ContractLoader(java.util.Map.of())
                .loadAll(java.nio.file.Path.of("../contracts"));
        var wf = io.onex.runtime.workflow.WorkflowLoader.forContracts(loaded)
                .load(java.nio.file.Path.of("../workflows/document_triage.yaml"));

        assertThat(RunCommand.stepNodes(wf, loaded)).extracting(c -> c.name())
                .containsExactlyInAnyOrder("text_statistics_compute", "kafka_event_effect");
        assertThat(loaded).hasSizeGreaterThan(2); // the folder also holds the bridge nodes, which a run leaves alone
    }

    @Test
    void runRejectsInputThatIsNotAJsonObjectWithoutAStackTrace() {
        int code = onex("run", "--contracts", "../contracts", "../workflows/document_ingestion.yaml", "--input", "[1]");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: --input: expected a JSON object like "
                + "'{\"document_id\": \"doc-1\"}', but was '[1]'");
    }

    @Test
    void runReportsInputProblemsBeforeStartingAnything() {
        int code = onex("run", "--contracts", "../contracts", "../workflows/document_ingestion.yaml", "--input",
                "{\"document_id\": 5}");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: 2 input problems for workflow document_ingestion: input "
                + "'document_id' must be of type string, but was Integer '5'; input 'text' is required (string)");
        assertThat(out.toString()).isEmpty();
    }
}
