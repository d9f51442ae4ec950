package io.onex.runtime.workflow;

import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.contract.ContractValidationException;
import java.util.List;

/**
 * A workflow file is invalid. Carries every problem found, each located at {@code file:line:column}; the message
 * lists them numbered, in the same form as contract problems:
 *
 * <pre>
 * 2 errors in workflows/bad.yaml:
 *   1) workflows/bad.yaml:9:5: steps[1].depends_on[0]: unknown step 'extract', expected one of fetch, store
 *   2) workflows/bad.yaml:14:3: steps[2].nodee: unknown key, expected one of name, type, ...
 * </pre>
 */
public final class WorkflowValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FileProblem> problems;

    /**
     * @param problems the problems, at least one
     */
    public WorkflowValidationException(List<FileProblem> problems) {
        // the contract exception renders located problems; workflows share the format
        super(new ContractValidationException(problems).getMessage());
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<FileProblem> problems() {
        return problems;
    }
}
