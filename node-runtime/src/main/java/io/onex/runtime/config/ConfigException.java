package io.onex.runtime.config;

import java.util.List;

/**
 * The runtime configuration is invalid. Carries every problem found, each shaped
 * {@code Invalid value 0 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000}; the message lists
 * them all:
 *
 * <pre>
 * 2 configuration errors:
 *   1) Invalid value 0 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000
 *   2) Invalid value [hidden] for configuration KAFKA_SASL_PASSWORD: ...
 * </pre>
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param problems the problems, at least one
     */
    public ConfigException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in table order, cross-setting problems last. */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        StringBuilder s = new StringBuilder().append(problems.size())
                .append(problems.size() == 1 ? " configuration error:" : " configuration errors:");
        for (int i = 0; i < problems.size(); i++) {
            s.append("\n  ").append(i + 1).append(") ").append(problems.get(i));
        }
        return s.toString();
    }
}
