package io.onex.runtime.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${env:NAME:-default}} in a scalar, anywhere in the text. The environment
 * is given, never read from the process, so tests control it.
 */
public final class EnvironmentSubstitution {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final String OPENING = "${env:";

    private final Map<String, String> environment;

    /**
     * @param environment the variables references resolve against
     */
    public EnvironmentSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The outcome of substituting one scalar.
     *
     * @param text the text with every resolvable reference replaced
     * @param substituted whether the text held any reference
     * @param problems what could not be resolved, each naming the variable and what was expected
     */
    public record Result(String text, boolean substituted, List<String> problems) {
    }

    /**
     * Substitutes every reference in the text.
     *
     * @param text scalar text as written
     * @return the result; {@code problems} is empty when every reference resolved
     */
    public Result substitute(String text) {
        if (!text.contains(OPENING)) {
            return new Result(text, false, List.of());
        }
        List<String> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = REFERENCE.matcher(text);
        int last = 0;
        while (m.find()) {
            checkMalformed(text.substring(last, m.start()), problems);
            out.append(text, last, m.start());
            String name = m.group(1);
            String value = environment.get(name);
            if (value != null) {
                out.append(value);
            } else if (m.group(2) != null) {
                out.append(m.group(3));
            } else {
                problems.add("environment variable " + name + " is not set and ${env:" + name
                        + "} gives no default; expected it set, or a default as in ${env:" + name + ":-value}");
            }
            last = m.end();
        }
        checkMalformed(text.substring(last), problems);
        out.append(text, last, text.length());
        return new Result(out.toString(), true, problems);
    }

    private static void checkMalformed(String between, List<String> problems) {
        int at = between.indexOf(OPENING);
        if (at >= 0) {
            int end = between.indexOf('}', at);
            String written = end < 0 ? between.substring(at) : between.substring(at, end + 1);
            problems.add("malformed environment reference '" + written
                    + "', expected ${env:NAME} or ${env:NAME:-default} with NAME like [A-Za-z_][A-Za-z0-9_]*");
        }
    }
}
