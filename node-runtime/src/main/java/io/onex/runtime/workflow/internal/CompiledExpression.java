package io.onex.runtime.workflow.internal;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.SourceLocation;
import java.util.Map;

/**
 * One {@code ${...}} expression, compiled and type-checked at load time; evaluation only reads the scope it is
 * given.
 *
 * @param text the expression as written, without {@code ${ }}
 * @param program the CEL program
 * @param location where the expression is written
 */
public record CompiledExpression(String text, CelRuntime.Program program, SourceLocation location) {

    /**
     * Evaluates the expression.
     *
     * @param scope CEL data by variable name
     * @return the CEL result (see {@link CelData#plain})
     * @throws ExpressionException naming the expression and its location
     */
    public Object evaluate(Map<String, Object> scope) throws ExpressionException {
        try {
            ConcatenationBudget.reset();
            return program.eval(scope);
        } catch (CelEvaluationException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int newline = why.indexOf('\n');
            String where = location + ": expression '${" + ExpressionCompiler.shown(text) + "}'";
            if (why.contains("Iteration budget exceeded")) {
                throw new ExpressionException(where + " ran more than " + ExpressionCompiler.MAX_ITERATIONS
                        + " iterations of map/filter/all/exists, the limit of one evaluation; expected smaller lists "
                        + "or fewer nested comprehensions");
            }
            if (why.contains(ConcatenationBudget.EXCEEDED)) {
                throw new ExpressionException(where + " built more than " + ConcatenationBudget.MAX_CHARS
                        + " characters of strings with '+', the limit of one evaluation; expected shorter strings "
                        + "or fewer concatenations");
            }
            throw new ExpressionException(where + " failed: " + (newline > 0 ? why.substring(0, newline) : why));
        }
    }
}
