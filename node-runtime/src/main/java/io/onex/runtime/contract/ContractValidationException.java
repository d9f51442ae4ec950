package io.onex.runtime.contract;

import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One or more contract files are invalid. Carries every problem found, not just the first; the message lists them
 * all, numbered and grouped per file:
 *
 * <pre>
 * 2 errors in contracts/bad.yaml:
 *   1) contracts/bad.yaml:3:1: node_type: expected one of effect, compute, reducer, orchestrator, but was 'sink'
 *   2) contracts/bad.yaml:7:3: resilience.retri: unknown key, expected one of timeout, retry, circuit_breaker
 * </pre>
 */
public class ContractValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FileProblem> problems;

    /**
     * @param problems the problems, at least one, in the order they are reported
     */
    public ContractValidationException(List<FileProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order and then in the order found. */
    public List<FileProblem> problems() {
        return problems;
    }

    private static String render(List<FileProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one problem");
        }
        Map<Path, List<FileProblem>> byFile = new LinkedHashMap<>();
        for (FileProblem p : problems) {
            byFile.computeIfAbsent(p.file(), f -> new java.util.ArrayList<>()).add(p);
        }
        String count = problems.size() + (problems.size() == 1 ? " error" : " errors");
        StringBuilder s = new StringBuilder();
        int n = 0;
        if (byFile.size() == 1) {
            s.append(count).append(" in ").append(byFile.keySet().iterator().next()).append(':');
            for (FileProblem p : problems) {
                s.append("\n  ").append(++n).append(") ").append(p);
            }
            return s.toString();
        }
        s.append(count).append(" in ").append(byFile.size()).append(" files:");
        for (Map.Entry<Path, List<FileProblem>> e : byFile.entrySet()) {
            s.append('\n').append(e.getKey()).append(':');
            for (FileProblem p : e.getValue()) {
                s.append("\n  ").append(++n).append(") ").append(p);
            }
        }
        return s.toString();
    }
}
