package io.onex.runtime.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExpressionCompilerLimitsTest {

    private static final SourceLocation AT = new SourceLocation(Path.of("workflows/hostile.yaml"), 7, 9);
    private static final ExpressionCompiler.Scope SCOPE = new ExpressionCompiler.Scope(Set.of("items", "text"),
            Set.of(), Set.of(), false);

    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private static String numbers(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void anExpressionOverTheLengthLimitIsRefusedWithItsLengthAndTheLimit() {
        String text = "input.text + '" + "x".repeat(4100) + "'";

        ExpressionCompiler.Result r = compiler.compile(text, SCOPE, AT);

        assertThat(r.expression()).isNull();
        assertThat(r.problems()).containsExactly("expression '${input.text + '" + "x".repeat(86) + "...}' has 4115 "
                + "characters, over the limit of 4096; expected a shorter expression (split the work across steps)");
    }

    @Test
    void anExpressionOfExactlyTheLengthLimitCompiles() {
        String text = "input.text + '" + "x".repeat(ExpressionCompiler.MAX_EXPRESSION_CHARS - 15) + "'";

        assertThat(text).hasSize(ExpressionCompiler.MAX_EXPRESSION_CHARS);
        assertThat(compiler.compile(text, SCOPE, AT).problems()).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitIsACompileProblemNotAStackOverflow() {
        String text = "(".repeat(2000) + "1" + ")".repeat(2000);

        ExpressionCompiler.Result r = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> compiler.compile(text, SCOPE, AT));

        assertThat(r.expression()).isNull();
        assertThat(r.problems()).containsExactly("expression '${" + "(".repeat(100) + "...}' does not parse: "
                + "Expression recursion limit exceeded. limit: 32 (at column 1 of the expression)");
    }

    @Test
    void nestedComprehensionsPastTheIterationBudgetFailAtTheirLocationNamingTheLimit() {
        String list = numbers(30);
        String text = list + ".map(a, " + list + ".map(b, " + list + ".filter(c, c > a + b))).size()";
        CompiledExpression e = compiler.compile(text, SCOPE, AT).expression();

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> e.evaluate(Map.of("input", Map.of()))))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("workflows/hostile.yaml:7:9: expression '${" + text.substring(0, 100) + "...}' ran more "
                        + "than 10000 iterations of map/filter/all/exists, the limit of one evaluation; expected "
                        + "smaller lists or fewer nested comprehensions");
    }

    @Test
    void comprehensionsWithinTheIterationBudgetEvaluate() throws Exception {
        String text = "input.items.map(a, " + numbers(99) + ".filter(b, b < a).size()).size()";
        // 3 + 3 * 99 iterations
        CompiledExpression e = compiler.compile(text, SCOPE, AT).expression();

        assertThat(e.evaluate(Map.of("input", Map.of("items", List.of(1L, 2L, 3L)))))
                .isEqualTo(3L);
    }

    @Test
    void concatenationsBuildingMoreThanTheCharacterBudgetFailNamingTheLimit() {
        // 3,000 iterations, each joining the 2 KiB input text four times: 54 Mi characters without the budget
        String text = numbers(60) + ".map(a, " + numbers(50) + ".map(b, input.text + input.text + input.text"
                + " + input.text)).size()";
        CompiledExpression e = compiler.compile(text, SCOPE, AT).expression();

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> e.evaluate(Map.of("input", Map.of("text", "x".repeat(2048))))))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("workflows/hostile.yaml:7:9: expression '${" + text.substring(0, 100) + "...}' built more "
                        + "than 4194304 characters of strings with '+', the limit of one evaluation; expected shorter "
                        + "strings or fewer concatenations");
    }

    @Test
    void eachEvaluationHasTheWholeBudgetAndConcatenationStillWorks() throws Exception {
        String text = numbers(100) + ".map(i, input.text + input.text).size() > 0 ? input.text + '!' : ''";
        CompiledExpression e = compiler.compile(text, SCOPE, AT).expression();
        Map<String, Object> scope = Map.of("input", Map.of("text", "y".repeat(10_000)));

        for (int run = 0; run < 5; run++) { // 2 Mi characters each: over the budget only if it were not reset
            assertThat(e.evaluate(scope)).isEqualTo("y".repeat(10_000) + "!");
        }
    }
}
