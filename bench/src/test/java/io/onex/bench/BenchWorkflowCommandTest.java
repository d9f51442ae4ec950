package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchWorkflowCommandTest {

    @Test
    void theBenchmarkWorkflowIsAValidChainOfTenSteps() throws Exception {
        var wf = new io.onex.runtime.workflow.WorkflowLoader(java.util.Map.of("bench_compute",
                io.onex.api.contract.NodeType.COMPUTE)).parse(BenchWorkflowCommand.workflowYaml(),
                java.nio.file.Path.of("bench.yaml"));

        assertThat(wf.steps()).hasSize(BenchWorkflowCommand.STEPS);
        assertThat(wf.steps().get(9).dependsOn()).containsExactly("s9");
    }
}
