package io.onex.runtime.workflow;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.runtime.yaml.HostileYaml;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile workflow text: whatever a file holds, the loader returns a workflow or throws
 * {@link WorkflowValidationException} whose every problem is located at file:line:column; never another exception,
 * never a hang. Seeds are fixed so CI runs the same samples every time.
 */
class WorkflowLoaderPropertiesTest {

    private static final Path FILE = Path.of("workflows/hostile.yaml");
    private static final WorkflowLoader LOADER = new WorkflowLoader(FakeNodes.TYPES);
    private static final String VALID = """
            name: full
            version: 1.2.3
            description: all the parts
            timeout: 2m
            inputs:
              id: {type: string, required: true}
              limit: {type: integer, default: 5}
              tags: {type: array, default: [a, b]}
            steps:
              - name: fetch
                type: compute
                compute_node: echo
                retry: {max_attempts: 4}
                timeout: 3s
                input:
                  id: ${input.id}
                  count: "${size(input.tags) + input.limit}"
              - name: group
                type: parallel
                depends_on: [fetch]
                on_error: continue
                steps:
                  - {name: left, type: effect, effect_node: publish, when: "fetch.id != ''"}
                  - {name: right, type: effect, node: publish, input: {all: "${input.tags.map(t, t + '!')}"}}
            outputs:
              id: ${input.id}
              text: "id ${input.id} of ${input.limit}"
            error_handling:
              on_step_failure:
                - {name: report, type: effect, node: publish, input: {why: "${error.message}"}}
            """;

    @Property(tries = 300, seed = "19")
    void arbitraryTextGivesAWorkflowOrLocatedProblems(@ForAll("arbitraryText") String yaml) {
        assertWorkflowOrLocatedProblems(yaml);
    }

    @Property(tries = 300, seed = "19")
    void mutatedWorkflowsGiveAWorkflowOrLocatedProblems(@ForAll("mutatedWorkflows") String yaml) {
        assertWorkflowOrLocatedProblems(yaml);
    }

    private static void assertWorkflowOrLocatedProblems(String yaml) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                LOADER.parse(yaml, FILE);
            } catch (WorkflowValidationException e) {
                HostileYaml.assertLocated(e.problems());
            }
        });
    }

    @Provide
    Arbitrary<String> arbitraryText() {
        return HostileYaml.arbitraryText();
    }

    @Provide
    Arbitrary<String> mutatedWorkflows() {
        return HostileYaml.mutationsOf(VALID);
    }
}
