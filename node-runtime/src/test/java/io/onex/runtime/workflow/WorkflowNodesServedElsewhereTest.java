package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.SemanticVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A step naming a node no loaded contract declares: with remote calls on, a located warning and the step is kept
 * (it runs in another runtime); otherwise the located error it always was. Messages pinned in golden files.
 */
class WorkflowNodesServedElsewhereTest {

    private static final Path DIR = Path.of("src/test/resources/workflows/served-elsewhere");
    private static final Path WORKFLOW = DIR.resolve("price_then_double.yaml");
    private static final NodeContract DOUBLING = NodeContract.builder().name("doubling_compute")
            .version(SemanticVersion.parse("1.0.0")).nodeType(NodeType.COMPUTE).implementation("a.Doubling").build();

    @Test
    void withRemoteCallsAStepOnANodeWithoutAContractLoadsWithALocatedWarning() throws Exception {
        WorkflowDefinition wf = WorkflowLoader.forContracts(List.of(DOUBLING)).allowingNodesServedElsewhere()
                .load(WORKFLOW);

        assertThat(wf.nodeNames()).containsExactly("pricing_compute", "doubling_compute");
        assertThat(wf.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(11);
            assertThat(w.field()).isEqualTo("steps[0].node");
        });
        assertThat(wf.warningMessage() + "\n").isEqualTo(golden("price_then_double.warnings.txt"));
    }

    @Test
    void withoutRemoteCallsTheSameStepIsAnUnknownNodeError() throws Exception {
        String expected = golden("price_then_double.errors.txt");

        assertThatThrownBy(() -> WorkflowLoader.forContracts(List.of(DOUBLING)).load(WORKFLOW))
                .isInstanceOf(WorkflowValidationException.class)
                .satisfies(e -> assertThat(e.getMessage() + "\n").isEqualTo(expected));
    }

    @Test
    void aNodeDeclaredAsServedElsewhereIsCheckedLikeAnyContractAndWarnsNothing() throws Exception {
        NodeContract pricing = NodeContract.builder().name("pricing_compute").version(SemanticVersion.parse("1.0.0"))
                .nodeType(NodeType.COMPUTE).implementation("").servedElsewhere(true)
                .outputs(Map.of("cost", "integer")).build();
        WorkflowLoader loader = WorkflowLoader.forContracts(List.of(DOUBLING, pricing)).allowingNodesServedElsewhere();

        assertThatThrownBy(() -> loader.load(WORKFLOW)).isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("price.price").hasMessageContaining("cost");
        NodeContract declaresPrice = pricing.toBuilder().outputs(Map.of("price", "integer")).build();
        assertThat(WorkflowLoader.forContracts(List.of(DOUBLING, declaresPrice)).allowingNodesServedElsewhere()
                .load(WORKFLOW).warnings()).isEmpty();
    }

    @Test
    void aTypoInALocalNodeIsStillCaughtWhenItsKindDoesNotMatch() {
        // a step on a node without a contract is unchecked, but a contract's node stays checked in every mode
        NodeContract effect = DOUBLING.toBuilder().nodeType(NodeType.EFFECT).build();

        assertThatThrownBy(() -> WorkflowLoader.forContracts(List.of(effect)).allowingNodesServedElsewhere()
                .load(WORKFLOW)).isInstanceOf(WorkflowValidationException.class)
                .hasMessageContaining("node 'doubling_compute' is a effect node, but the step is of type compute");
    }

    private static String golden(String name) throws Exception {
        return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    }
}
