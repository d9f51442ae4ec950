package io.onex.runtime.workflow.internal;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a condition: a CEL expression over named variables that gives true or false (the operator verbs'
 * {@code --where}). Same language, options and limits as workflow expressions ({@link ExpressionCompiler}: at most
 * {@value ExpressionCompiler#MAX_EXPRESSION_CHARS} characters, {@value ExpressionCompiler#MAX_NESTING} levels of
 * nesting, {@value ExpressionCompiler#MAX_ITERATIONS} comprehension iterations an evaluation); it reads only the
 * variables declared, and there is no way to reach Java from it. Thread-safe.
 */
public final class ConditionCompiler {

    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'.*");
    private static final Map<Set<String>, Cel> ENVIRONMENTS = new ConcurrentHashMap<>();

    private ConditionCompiler() {
    }

    /**
     * What a compilation gave: the program, or the problems.
     *
     * @param program the compiled condition, or null
     * @param problems what was wrong, each a full sentence naming the expression (and the column, for syntax)
     */
    public record Result(CelRuntime.Program program, List<String> problems) {
    }

    /**
     * Compiles a condition.
     *
     * @param text the expression
     * @param variables the names it may read (each may hold any CEL value)
     */
    public static Result compile(String text, Set<String> variables) {
        List<String> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            problems.add("empty expression, expected a condition such as event_type == 'NODE_HEARTBEAT'");
            return new Result(null, problems);
        }
        String where = "expression '" + ExpressionCompiler.shown(text) + "'";
        if (text.length() > ExpressionCompiler.MAX_EXPRESSION_CHARS) {
            problems.add(where + " has " + text.length() + " characters, over the limit of "
                    + ExpressionCompiler.MAX_EXPRESSION_CHARS);
            return new Result(null, problems);
        }
        Cel env = ENVIRONMENTS.computeIfAbsent(Set.copyOf(variables), ConditionCompiler::environment);
        CelValidationResult compiled = env.compile(text);
        if (compiled.hasError()) {
            for (CelIssue issue : compiled.getErrors()) {
                problems.add(describe(where, text, issue, variables));
            }
            return new Result(null, problems);
        }
        try {
            CelType type = compiled.getAst().getResultType();
            if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
                problems.add(where + " gives " + type.name() + ", expected a condition that gives true or false"
                        + " (e.g. payload.size > 10)");
                return new Result(null, problems);
            }
            return new Result(env.createProgram(compiled.getAst()), problems);
        } catch (CelValidationException | dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            problems.add(where + " cannot be compiled: " + e.getMessage());
            return new Result(null, problems);
        }
    }

    private static Cel environment(Set<String> variables) {
        var builder = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(CelOptions.current()
                        .enableHeterogeneousNumericComparisons(true)
                        .maxExpressionCodePointSize(ExpressionCompiler.MAX_EXPRESSION_CHARS)
                        .maxParseRecursionDepth(ExpressionCompiler.MAX_NESTING)
                        .comprehensionMaxIterations(ExpressionCompiler.MAX_ITERATIONS)
                        .build());
        for (String v : variables) {
            builder.addVar(v, SimpleType.DYN);
        }
        return builder.build();
    }

    private static String describe(String where, String text, CelIssue issue, Set<String> variables) {
        String message = issue.getMessage();
        Matcher m = UNDECLARED.matcher(message);
        if (m.matches()) {
            String name = m.group(1);
            if (Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "\\s*\\(").matcher(text).find()) {
                return where + " calls unknown function '" + name + "' (expressions read data only: no classes, no"
                        + " method calls on objects); expected CEL functions such as size, string, int, matches,"
                        + " startsWith, contains, has";
            }
            return where + " reads unknown name '" + name + "' (expressions read data only: no classes); expected"
                    + " one of " + String.join(", ", new TreeSet<>(variables));
        }
        int newline = message.indexOf('\n');
        return where + " does not parse: " + (newline > 0 ? message.substring(0, newline) : message)
                + " (at column " + (issue.getSourceLocation().getColumn() + 1) + " of the expression)";
    }
}
