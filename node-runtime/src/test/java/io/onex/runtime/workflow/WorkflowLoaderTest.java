package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowLoaderTest {

    private final WorkflowLoader loader = new WorkflowLoader(FakeNodes.TYPES);

    @Test
    void anExpressionThatReachesForJavaIsRejectedAtValidation() {
        String yaml = """
                name: escape
                version: 1.0.0
                steps:
                  - name: a
                    type: compute
                    node: echo
                    input:
                      runtime: ${Runtime}
                      class_name: ${java.lang.Runtime}
                      method: ${input.getClass()}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, Path.of("escape.yaml")))
                .isInstanceOf(WorkflowValidationException.class)
                .satisfies(e -> assertThat(((WorkflowValidationException) e).problems())
                        .extracting(FileProblem::toString)
                        .containsExactly(
                                "escape.yaml:8:7: steps[0].input.runtime: expression '${Runtime}' reads unknown name "
                                        + "'Runtime' (expressions read data only: no classes); expected one of input",
                                "escape.yaml:9:7: steps[0].input.class_name: expression '${java.lang.Runtime}' reads "
                                        + "unknown name 'java' (expressions read data only: no classes); expected one of input",
                                "escape.yaml:10:7: steps[0].input.method: expression '${input.getClass()}' calls unknown "
                                        + "function 'getClass' (expressions read data only: no classes, no method calls on "
                                        + "objects); expected CEL functions such as size, string, int, double, matches"));
    }

    @Test
    void aValidWorkflowBindsEveryPartAndRemembersWhereItWasWritten() throws Exception {
        WorkflowDefinition wf = loader.parse("""
                name: full
                version: 1.2.3
                description: all the parts
                timeout: 2m
                inputs:
                  id: {type: string, required: true}
                  limit: {type: integer, default: 5}
                steps:
                  - name: fetch
                    type: compute
                    compute_node: echo
                    retry: {max_attempts: 4}
                    timeout: 3s
                  - name: group
                    type: parallel
                    depends_on: [fetch]
                    on_error: continue
                    steps:
                      - {name: left, type: effect, effect_node: publish, when: "fetch.id != ''"}
                      - {name: right, type: effect, node: publish}
                outputs:
                  id: ${input.id}
                error_handling:
                  on_step_failure:
                    - {name: report, type: effect, node: publish, input: {why: "${error.message}"}}
                """, Path.of("full.yaml"));

        assertThat(wf.name()).isEqualTo("full");
        assertThat(wf.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(wf.inputs()).extracting(WorkflowInput::name, WorkflowInput::required, WorkflowInput::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", true, null),
                        org.assertj.core.groups.Tuple.tuple("limit", false, 5));
        WorkflowStep fetch = wf.steps().get(0);
        assertThat(fetch.node()).isEqualTo("echo");
        assertThat(fetch.retry().maxAttempts()).isEqualTo(4);
        assertThat(fetch.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fetch.location()).isEqualTo(new SourceLocation(Path.of("full.yaml"), 9, 5));
        WorkflowStep group = wf.steps().get(1);
        assertThat(group.type()).isEqualTo(WorkflowStep.Type.PARALLEL);
        assertThat(group.onError()).isEqualTo(WorkflowStep.OnError.CONTINUE);
        assertThat(group.steps()).extracting(WorkflowStep::name, WorkflowStep::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("left", "publish"),
                        org.assertj.core.groups.Tuple.tuple("right", "publish"));
        assertThat(group.steps().get(0).location().line()).isEqualTo(19);
        assertThat(wf.nodeSteps()).extracting(WorkflowStep::name).containsExactly("fetch", "left", "right", "report");
        assertThat(wf.outputs().get("id").render(Map.of("input", Map.of("id", "x")))).isEqualTo("x");
    }
}
