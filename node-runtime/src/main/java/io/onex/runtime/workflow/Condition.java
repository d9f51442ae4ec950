package io.onex.runtime.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.onex.runtime.workflow.internal.CelData;
import io.onex.runtime.workflow.internal.ConditionCompiler;
import io.onex.runtime.workflow.internal.ExpressionCompiler;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A CEL condition over named variables, compiled once and tested against many values: the operator verbs'
 * {@code --where} ({@code event_type == 'NODE_HEARTBEAT' && payload.size > 10}). Workflow expressions' language and
 * limits: at most {@value #MAX_CHARS} characters, {@value #MAX_NESTING} levels of nesting, and
 * {@value #MAX_ITERATIONS} iterations of {@code map}/{@code filter}/{@code all}/{@code exists} per test. It reads
 * only the variables it was compiled for and cannot reach Java. Thread-safe.
 *
 * <pre>{@code
 * Condition c = Condition.compile("error.type.endsWith('TimeoutException')", Set.of("error", "payload"));
 * c.test(Map.of("error", Map.of("type", "java.util.concurrent.TimeoutException"), "payload", Map.of()));  // true
 * }</pre>
 */
public final class Condition {

    /** The longest condition, in characters. */
    public static final int MAX_CHARS = ExpressionCompiler.MAX_EXPRESSION_CHARS;
    /** The deepest nesting of parentheses, calls, lists and maps. */
    public static final int MAX_NESTING = ExpressionCompiler.MAX_NESTING;
    /** The most comprehension iterations one test may run. */
    public static final int MAX_ITERATIONS = ExpressionCompiler.MAX_ITERATIONS;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final Set<String> variables;
    private final CelRuntime.Program program;

    private Condition(String text, Set<String> variables, CelRuntime.Program program) {
        this.text = text;
        this.variables = variables;
        this.program = program;
    }

    /**
     * Compiles a condition.
     *
     * @param text the CEL expression
     * @param variables the names it may read
     * @return the condition
     * @throws IllegalArgumentException naming the first thing wrong and where (the column, for a syntax error)
     */
    public static Condition compile(String text, Set<String> variables) {
        ConditionCompiler.Result r = ConditionCompiler.compile(text, variables);
        if (!r.problems().isEmpty()) {
            // CEL reports follow-on problems of the first (`java.lang.X.y()`: 'java', then 'y'): one is clearer
            throw new IllegalArgumentException(r.problems().get(0));
        }
        return new Condition(text, Set.copyOf(variables), r.program());
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /**
     * Tests the condition. Variables it was compiled for and not given here are null.
     *
     * @param values JSON-like values by variable name (maps, lists, strings, numbers, booleans, null)
     * @return whether it holds
     * @throws ExpressionException when it cannot be evaluated (a missing map key, a type mismatch, the iteration
     *     limit) or does not give a boolean
     */
    public boolean test(Map<String, ?> values) throws ExpressionException {
        Map<String, Object> scope = new HashMap<>();
        for (String v : variables) {
            scope.put(v, CelData.of(values.get(v), MAPPER));
        }
        String where = "expression '" + (text.length() <= 120 ? text : text.substring(0, 100) + "...") + "'";
        Object result;
        try {
            result = program.eval(scope);
        } catch (CelEvaluationException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("Iteration budget exceeded")) {
                throw new ExpressionException(where + " ran more than " + MAX_ITERATIONS
                        + " iterations of map/filter/all/exists, the limit of one evaluation");
            }
            int newline = why.indexOf('\n');
            throw new ExpressionException(where + " failed: " + (newline > 0 ? why.substring(0, newline) : why));
        }
        if (result instanceof Boolean b) {
            return b;
        }
        Object plain = CelData.plain(result);
        throw new ExpressionException(where + " gave " + (plain == null ? "null" : plain.getClass().getSimpleName())
                + ", expected true or false");
    }
}
