package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workflows shipped in {@code workflows/} load against the shipped contracts and conform to the JSON Schema. */
class RepositoryWorkflowsTest {

    private static final Path WORKFLOWS = Path.of("../workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = WorkflowLoader.class.getResourceAsStream("onex-workflow.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void shippedWorkflowsLoadAgainstTheShippedContracts() throws Exception {
        List<NodeContract> contracts = new ContractLoader(Map.of()).loadAll(Path.of("../contracts"));
        WorkflowLoader loader = WorkflowLoader.forContracts(contracts);

        assertThat(shipped()).extracting(p -> p.getFileName().toString())
                .contains("document_ingestion.yaml", "document_triage.yaml");
        for (Path p : shipped()) {
            WorkflowDefinition wf = loader.load(p);
            assertThat(wf.steps()).isNotEmpty();
        }
        WorkflowDefinition ingestion = loader.load(WORKFLOWS.resolve("document_ingestion.yaml"));
        assertThat(ingestion.steps()).extracting(WorkflowStep::name)
                .containsExactly("extraction_result", "publish_completion_event");
        assertThat(ingestion.steps().get(1).location().line()).isEqualTo(28);
        assertThat(ingestion.onStepFailure()).extracting(WorkflowStep::name).containsExactly("publish_error_event");
        assertThat(WorkflowLoader.isWorkflowFile(WORKFLOWS.resolve("document_ingestion.yaml"))).isTrue();
        assertThat(WorkflowLoader.isWorkflowFile(Path.of("../contracts/kafka_event_effect.yaml"))).isFalse();
    }

    @Test
    void shippedWorkflowsConformToTheSchema() throws Exception {
        JsonSchema schema = schema();
        for (Path p : shipped()) {
            assertThat(schema.validate(YAML.readTree(p.toFile()))).as(p.toString()).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsUnknownKeysAndAParallelStepWithANode() throws Exception {
        JsonNode bad = YAML.readTree("""
                name: x
                version: 1.0.0
                steps:
                  - {name: a, type: parallel, node: n, steps: [{name: b, type: compute, node: n}]}
                  - {name: c, type: compute, node: n, dependson: [a]}
                """);

        Set<ValidationMessage> problems = schema().validate(bad);

        assertThat(problems).extracting(ValidationMessage::getMessage).anySatisfy(m -> assertThat(m).contains("dependson"));
        assertThat(problems).extracting(m -> m.getInstanceLocation().toString()).contains("$.steps[0]");
    }
}
