package io.onex.runtime.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile expressions: whatever a workflow writes inside {@code ${ }}, compiling gives an expression or problems
 * that name it, and evaluating a compiled one gives a value or an {@link ExpressionException} at its location;
 * never another exception, never a hang. Seeds are fixed so CI runs the same samples every time.
 */
class ExpressionCompilerPropertiesTest {

    private static final ExpressionCompiler COMPILER = new ExpressionCompiler();
    private static final ExpressionCompiler.Scope SCOPE = new ExpressionCompiler.Scope(Set.of("id", "tags", "n"),
            Set.of("fetch"), Set.of("fetch"), false);
    private static final SourceLocation AT = new SourceLocation(Path.of("workflows/hostile.yaml"), 7, 9);
    private static final Map<String, Object> DATA = Map.of(
            "input", Map.of("id", "x", "tags", List.of("a", "b", "c"), "n", 3L),
            "fetch", Map.of("id", "y", "items", List.of(1L, 2L, 3L)));

    private static final List<String> TOKENS = List.of("input", "fetch", ".", "id", "tags", "n", "items", "length",
            "(", ")", "[", "]", "{", "}", ",", ":", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "!",
            "?", " ", "'", "\"", "'''", "\\", "1", "0", "-9223372036854775808", "9223372036854775807", "1e308",
            "0.0", "\"a\"", "b\"x\"", "r'x'", "size", "int", "double", "string", "matches", "has", "map", "all",
            "exists", "filter", "exists_one", "x", "timestamp", "duration", "\"(a+)+$\"", "null", "true",
            "dyn", "type", "\u0000", "\u00e9", "\ud83d\ude00");

    @Property(tries = 300, seed = "19")
    void arbitraryTextCompilesOrNamesItsProblems(@ForAll("arbitraryExpressions") String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            ExpressionCompiler.Result r = COMPILER.compile(text, SCOPE, AT);
            if (r.expression() == null) {
                assertThat(r.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("'${")
                        .doesNotContain("\n\tat ", "dev.cel"));
                return;
            }
            assertThat(r.problems()).isEmpty();
            try {
                r.expression().evaluate(DATA);
            } catch (ExpressionException e) {
                assertThat(e.getMessage()).startsWith(AT + ": expression '${").doesNotContain("\n\tat ");
            }
        });
    }

    @Provide
    Arbitrary<String> arbitraryExpressions() {
        return Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3))
                .list().ofMinSize(1).ofMaxSize(30).map(parts -> String.join("", parts));
    }
}
