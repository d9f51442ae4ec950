package io.onex.nodes.codegen;

import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowValidationException;
import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This project's own validation of one YAML document, a node contract or a workflow, as {@code onex validate} runs
 * it: every problem located at line and column. A workflow is told from a contract by a top-level {@code steps:}.
 * Contracts are read against an empty environment ({@code ${env:X:-default}} takes its default; a reference without
 * one is a problem), never this process's: a request must not learn the service's variables. Workflows are checked
 * without the network's contracts: a step's node is a warning (it may run in another runtime), not an error.
 */
final class YamlValidation {

    /** Problems kept in one response; the count says how many there were. */
    static final int MAX_PROBLEMS = 100;

    /** What was validated and what was found. */
    record Outcome(String kind, List<FileProblem> errors, List<FileProblem> warnings) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final ContractLoader contracts = new ContractLoader(Map.of());
    private final WorkflowLoader workflows = WorkflowLoader.forContracts(List.of()).allowingNodesServedElsewhere();

    Outcome validate(String yaml, String fileName, String kind) {
        Path source = Path.of(fileName);
        String k = kind != null ? kind : isWorkflow(yaml) ? "workflow" : "contract";
        if (k.equals("workflow")) {
            try {
                WorkflowDefinition wf = workflows.parse(yaml, source);
                return new Outcome(k, List.of(), wf.warnings());
            } catch (WorkflowValidationException e) {
                return new Outcome(k, e.problems(), List.of());
            }
        }
        try {
            contracts.parse(yaml, source);
            return new Outcome(k, List.of(), List.of());
        } catch (ContractValidationException e) {
            return new Outcome(k, e.problems(), List.of());
        }
    }

    /** As {@link WorkflowLoader#isWorkflowFile}: a line starting {@code steps:}. */
    static boolean isWorkflow(String yaml) {
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith("steps:")) {
                return true;
            }
        }
        return false;
    }

    /** Problems as response entries, errors first, at most {@link #MAX_PROBLEMS}. */
    static List<Map<String, Object>> entries(Outcome o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileProblem p : o.errors()) {
            add(out, p, "error");
        }
        for (FileProblem p : o.warnings()) {
            add(out, p, "warning");
        }
        return out;
    }

    private static void add(List<Map<String, Object>> out, FileProblem p, String severity) {
        if (out.size() < MAX_PROBLEMS) {
            out.add(Map.of("severity", severity, "line", p.line(), "column", p.column(), "field", p.field(),
                    "message", p.message(), "text", p.toString()));
        }
    }
}
