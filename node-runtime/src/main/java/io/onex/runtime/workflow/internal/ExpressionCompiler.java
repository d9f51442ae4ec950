package io.onex.runtime.workflow.internal;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.onex.runtime.workflow.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles workflow expressions with CEL (Common Expression Language). CEL is a closed, non-Turing-complete language
 * without side effects: an expression can only read the variables declared for it and call CEL's own functions;
 * there is no way to name a Java class, call a method on a Java object, load a class, or reach files or the network.
 * Each expression is parsed and type-checked against exactly the variables it may read ({@code input}, the steps the
 * step depends on, {@code error} in failure handlers), so a reference to anything else is a load-time problem.
 *
 * <p>The seed's {@code <path>.length} is accepted and means {@code size(<path>)}. Thread-safe.
 *
 * <p>Limits, so that a hostile workflow can neither stall loading nor a run: an expression holds at most
 * {@value #MAX_EXPRESSION_CHARS} characters and nests at most {@value #MAX_NESTING} levels (both checked when it is
 * compiled), and one evaluation runs at most {@value #MAX_ITERATIONS} iterations of its comprehensions ({@code map},
 * {@code filter}, {@code all}, {@code exists}...), all of them together; past that it fails with an
 * {@link io.onex.runtime.workflow.ExpressionException} that names the limit; the strings its {@code +} builds hold at
 * most {@value ConcatenationBudget#MAX_CHARS} characters together ({@link ConcatenationBudget}).
 */
public final class ExpressionCompiler {

    /** The longest expression, in characters, between {@code ${} and {@code }}. */
    public static final int MAX_EXPRESSION_CHARS = 4096;
    /** The deepest nesting of parentheses, calls, lists and maps in one expression. */
    public static final int MAX_NESTING = 32;
    /**
     * The most comprehension iterations one evaluation may run, all comprehensions together: about a second of CEL's
     * interpreter on a busy machine.
     */
    public static final int MAX_ITERATIONS = 10_000;

    /** Fields of {@code error} in failure handlers. */
    public static final List<String> ERROR_FIELDS = List.of("step", "message", "type");

    private static final Pattern LENGTH = Pattern.compile(
            "(?<![\\w.])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)\\.length\\b(?!\\s*\\()");
    private static final Pattern INPUT_FIELD = Pattern.compile("(?<![\\w.])input\\.([A-Za-z_]\\w*)");
    private static final Pattern ERROR_FIELD = Pattern.compile("(?<![\\w.])error\\.([A-Za-z_]\\w*)");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'.*");

    private final Map<Set<String>, Cel> environments = new ConcurrentHashMap<>();

    /**
     * What a compilation gave: the expression, or the problems.
     *
     * @param expression the compiled expression, or null
     * @param problems what was wrong, each a full sentence
     */
    public record Result(CompiledExpression expression, List<String> problems) {
    }

    /**
     * The names an expression may read.
     *
     * @param inputs declared input names
     * @param steps the steps it may read (those it depends on, directly or not)
     * @param allSteps every step of the workflow, to tell "not a dependency" from "no such step"
     * @param error whether {@code error} is in scope (failure handlers)
     */
    public record Scope(Set<String> inputs, Set<String> steps, Set<String> allSteps, boolean error) {
    }

    /**
     * Compiles one expression.
     *
     * @param text the expression without {@code ${ }}
     * @param scope what it may read
     * @param location where it is written
     * @return the expression or its problems
     */
    public Result compile(String text, Scope scope, SourceLocation location) {
        List<String> problems = new ArrayList<>();
        if (text.isBlank()) {
            problems.add("empty expression '${}', expected e.g. ${input.document_id}");
            return new Result(null, problems);
        }
        if (text.length() > MAX_EXPRESSION_CHARS) {
            problems.add("expression '${" + shown(text) + "}' has " + text.length()
                    + " characters, over the limit of " + MAX_EXPRESSION_CHARS + "; expected a shorter expression "
                    + "(split the work across steps)");
            return new Result(null, problems);
        }
        String cel = rewriteLength(text);
        Set<String> vars = new TreeSet<>(scope.steps());
        vars.add("input");
        if (scope.error()) {
            vars.add("error");
        }
        Cel env = environments.computeIfAbsent(Set.copyOf(vars), ExpressionCompiler::environment);
        CelValidationResult compiled = env.compile(cel);
        if (compiled.hasError()) {
            for (CelIssue issue : compiled.getErrors()) {
                problems.add(describe(text, issue, scope));
            }
            return new Result(null, problems);
        }
        checkFields(text, INPUT_FIELD, scope.inputs(), "input", problems);
        if (scope.error()) {
            checkFields(text, ERROR_FIELD, Set.copyOf(ERROR_FIELDS), "error", problems);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        try {
            return new Result(new CompiledExpression(text, env.createProgram(compiled.getAst()), location), problems);
        } catch (CelValidationException | dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            problems.add("expression '${" + shown(text) + "}' cannot be compiled: " + e.getMessage());
            return new Result(null, problems);
        }
    }

    private static Cel environment(Set<String> vars) {
        var builder = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                // the standard environment, but for a string + that counts what it builds (ConcatenationBudget)
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(ConcatenationBudget.standardDeclarations())
                .setStandardFunctions(ConcatenationBudget.standardFunctions())
                .addFunctionBindings(ConcatenationBudget.binding())
                .setOptions(CelOptions.current()
                        .enableHeterogeneousNumericComparisons(true)
                        .maxExpressionCodePointSize(MAX_EXPRESSION_CHARS)
                        .maxParseRecursionDepth(MAX_NESTING)
                        .comprehensionMaxIterations(MAX_ITERATIONS)
                        .build());
        for (String v : vars) {
            builder.addVar(v, v.equals("input") || v.equals("error")
                    ? MapType.create(SimpleType.STRING, SimpleType.DYN) : SimpleType.DYN);
        }
        return builder.build();
    }

    private static String describe(String text, CelIssue issue, Scope scope) {
        String message = issue.getMessage();
        Matcher m = UNDECLARED.matcher(message);
        String where = "expression '${" + shown(text) + "}'";
        if (m.matches()) {
            String name = m.group(1);
            if (scope.allSteps().contains(name)) {
                return where + " reads step '" + name + "', which this step does not depend on; expected '" + name
                        + "' in depends_on (directly or through another step)";
            }
            if (name.equals("error")) {
                return where + " reads 'error', which exists only in error_handling.on_step_failure steps";
            }
            Set<String> known = new TreeSet<>(scope.steps());
            known.add("input");
            if (scope.error()) {
                known.add("error");
            }
            if (Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "\\s*\\(").matcher(text).find()) {
                return where + " calls unknown function '" + name + "' (expressions read data only: no classes, no "
                        + "method calls on objects); expected CEL functions such as size, string, int, double, matches";
            }
            return where + " reads unknown name '" + name + "' (expressions read data only: no classes); "
                    + "expected one of " + String.join(", ", known);
        }
        int newline = message.indexOf('\n');
        return where + " does not parse: " + (newline > 0 ? message.substring(0, newline) : message)
                + " (at column " + (issue.getSourceLocation().getColumn() + 1) + " of the expression)";
    }

    private static void checkFields(String text, Pattern field, Set<String> allowed, String what, List<String> problems) {
        for (String code : codeSegments(text)) {
            Matcher m = field.matcher(code);
            while (m.find()) {
                if (!allowed.contains(m.group(1))) {
                    problems.add("expression '${" + shown(text) + "}' reads unknown " + what + " '" + m.group(1)
                            + "', expected one of " + (allowed.isEmpty() ? "(none declared)"
                            : String.join(", ", new TreeSet<>(allowed))));
                }
            }
        }
    }

    /** An expression as messages quote it: whole up to 120 characters, else its first 100 and "...". */
    static String shown(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "...";
    }

    /** {@code a.b.length} to {@code size(a.b)}, outside string literals. */
    static String rewriteLength(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int quote = nextQuote(text, i);
            String code = text.substring(i, quote < 0 ? text.length() : quote);
            out.append(LENGTH.matcher(code).replaceAll("size($1)"));
            if (quote < 0) {
                break;
            }
            int end = endOfString(text, quote);
            out.append(text, quote, end);
            i = end;
        }
        return out.toString();
    }

    private static List<String> codeSegments(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int quote = nextQuote(text, i);
            out.add(text.substring(i, quote < 0 ? text.length() : quote));
            if (quote < 0) {
                break;
            }
            i = endOfString(text, quote);
        }
        return out;
    }

    private static int nextQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The index after the string literal opening at {@code quote} (or the end of the text when unterminated). */
    static int endOfString(String text, int quote) {
        char q = text.charAt(quote);
        for (int i = quote + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == q) {
                return i + 1;
            }
        }
        return text.length();
    }
}
