package io.onex.runtime.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that an expression reads only fields a step's node declares among its {@code outputs}: {@code stats.wrd_count}
 * is rejected when the node of step {@code stats} declares {@code word_count} but not {@code wrd_count}. A node that
 * declares no outputs is not checked. Reads inside {@code has(...)} are left alone (they ask whether a field is there),
 * and so is {@code step.length} (the size of the step's result).
 */
final class OutputFieldCheck {

    private static final Pattern READ = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*\\.\\s*([A-Za-z_]\\w*)");
    private static final Pattern OPEN_HAS = Pattern.compile(".*\\bhas\\s*\\(\\s*$", Pattern.DOTALL);

    private final Map<String, Map<String, String>> nodeOutputs;
    private final Function<String, String> nodeOfStep;

    /**
     * @param nodeOutputs the declared outputs by node name (nodes without declared outputs absent or empty)
     * @param nodeOfStep the node a step calls, by step name (null for steps that call none)
     */
    OutputFieldCheck(Map<String, Map<String, String>> nodeOutputs, Function<String, String> nodeOfStep) {
        this.nodeOutputs = nodeOutputs;
        this.nodeOfStep = nodeOfStep;
    }

    /** The problems of one expression that compiled; {@code steps} are the steps it may read. */
    List<String> problems(String text, Set<String> steps) {
        List<String> problems = new ArrayList<>();
        for (String code : codeSegments(text)) {
            Matcher m = READ.matcher(code);
            while (m.find()) {
                String step = m.group(1);
                String field = m.group(2);
                if (!steps.contains(step) || OPEN_HAS.matcher(code.substring(0, m.start())).matches()) {
                    continue;
                }
                String node = nodeOfStep.apply(step);
                Map<String, String> declared = node == null ? null : nodeOutputs.get(node);
                if (declared == null || declared.isEmpty() || declared.containsKey(field)
                        || (field.equals("length") && !isCall(code, m.end()))) {
                    continue;
                }
                problems.add("expression '${" + text + "}' reads field '" + field + "' of step '" + step
                        + "', which node '" + node + "' does not declare among its outputs; expected one of "
                        + String.join(", ", declared.keySet()));
            }
        }
        return problems;
    }

    private static boolean isCall(String code, int end) {
        return code.substring(end).stripLeading().startsWith("(");
    }

    /** The parts of an expression outside string literals. */
    private static List<String> codeSegments(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int quote = -1;
            for (int j = i; j < text.length(); j++) {
                if (text.charAt(j) == '\'' || text.charAt(j) == '"') {
                    quote = j;
                    break;
                }
            }
            out.add(text.substring(i, quote < 0 ? text.length() : quote));
            if (quote < 0) {
                break;
            }
            i = ExpressionCompiler.endOfString(text, quote);
        }
        return out;
    }
}
