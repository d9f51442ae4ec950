package io.onex.runtime;

import java.util.List;

/**
 * The runtime could not start. Lists every problem found (contracts, configuration, node classes), so one run
 * shows them all. Thrown before anything is wired when the problems are in the input.
 */
public final class RuntimeStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public RuntimeStartupException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public RuntimeStartupException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** The problems, one per entry. */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("Unable to start the ONEX runtime, see the following ")
                .append(problems.size() == 1 ? "error" : problems.size() + " errors").append(':');
        for (int i = 0; i < problems.size(); i++) {
            sb.append("\n  ").append(i + 1).append(") ").append(problems.get(i));
        }
        return sb.toString();
    }
}
