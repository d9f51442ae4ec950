package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final Set<String> VARS = Set.of("event_type", "payload", "error", "offset");

    private static String problem(String text) {
        try {
            Condition.compile(text, VARS);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled: " + text);
    }

    @Test
    void readsTheVariablesItWasCompiledFor() throws ExpressionException {
        Condition c = Condition.compile("event_type == 'A' && payload.size > 10 && offset >= 2", VARS);

        assertThat(c.test(Map.of("event_type", "A", "payload", Map.of("size", 11), "offset", 2L))).isTrue();
        assertThat(c.test(Map.of("event_type", "A", "payload", Map.of("size", 9), "offset", 2L))).isFalse();
        assertThat(c.test(Map.of("event_type", "B", "payload", Map.of("size", 11), "offset", 2L))).isFalse();
    }

    @Test
    void aVariableNotGivenIsNull() throws ExpressionException {
        Condition c = Condition.compile("error == null && has(payload.file)", VARS);
        Map<String, Object> withError = new HashMap<>(Map.of("payload", Map.of("file", "a")));
        withError.put("error", Map.of("type", "x"));

        assertThat(c.test(Map.of("payload", Map.of("file", "a")))).isTrue();
        assertThat(c.test(withError)).isFalse();
    }

    @Test
    void aSyntaxErrorNamesTheColumn() {
        assertThat(problem("event_type ==")).isEqualTo("expression 'event_type ==' does not parse: mismatched input"
                + " '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT,"
                + " NUM_UINT, STRING, BYTES, IDENTIFIER} (at column 14 of the expression)");
    }

    @Test
    void anUnknownNameListsTheVariables() {
        assertThat(problem("evnt_type == 'A'")).isEqualTo("expression 'evnt_type == 'A'' reads unknown name"
                + " 'evnt_type' (expressions read data only: no classes); expected one of error, event_type, offset,"
                + " payload");
    }

    @Test
    void javaCannotBeReached() {
        assertThat(problem("java.lang.Runtime.getRuntime().exec('rm') != null")).isEqualTo(
                "expression 'java.lang.Runtime.getRuntime().exec('rm') != null' reads unknown name 'java'"
                + " (expressions read data only: no classes); expected one of error, event_type, offset, payload");
        assertThat(problem("exec('ls')")).isEqualTo("expression 'exec('ls')' calls unknown function 'exec'"
                + " (expressions read data only: no classes, no method calls on objects); expected CEL functions such"
                + " as size, string, int, matches, startsWith, contains, has");
    }

    @Test
    void anExpressionThatIsNotAConditionIsRefused() {
        assertThat(problem("1 + 2")).isEqualTo("expression '1 + 2' gives int, expected a condition that gives true or"
                + " false (e.g. payload.size > 10)");
        assertThat(problem(" ")).isEqualTo("empty expression, expected a condition such as event_type =="
                + " 'NODE_HEARTBEAT'");
    }

    @Test
    void theLengthAndNestingLimitsOfWorkflowExpressionsHold() {
        assertThat(problem("x".repeat(Condition.MAX_CHARS + 1))).endsWith("...' has 4097 characters, over the limit"
                + " of 4096");
        String deep = "(".repeat(Condition.MAX_NESTING + 2) + "true" + ")".repeat(Condition.MAX_NESTING + 2);
        assertThat(problem(deep)).endsWith("does not parse: Expression recursion limit exceeded. limit: 32 (at column"
                + " 1 of the expression)");
    }

    @Test
    void theIterationBudgetStopsAnExpensiveTest() {
        String ten = "[1,2,3,4,5,6,7,8,9,10]";
        Condition c = Condition.compile(ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, "
                + ten + ".all(e, true)))))", VARS);

        assertThatThrownBy(() -> c.test(Map.of())).isInstanceOf(ExpressionException.class)
                .hasMessageEndingWith("ran more than 10000 iterations of map/filter/all/exists, the limit of one"
                        + " evaluation");
    }

    @Test
    void aFailedEvaluationSaysWhy() {
        Condition missingKey = Condition.compile("payload.x == 1", VARS);
        Condition notBoolean = Condition.compile("payload.x", VARS);

        assertThatThrownBy(() -> missingKey.test(Map.of("payload", Map.of())))
                .hasMessage("expression 'payload.x == 1' failed: evaluation error at <input>:7: key 'x' is not"
                        + " present in map.");
        assertThatThrownBy(() -> notBoolean.test(Map.of("payload", Map.of("x", 3))))
                .hasMessage("expression 'payload.x' gave Long, expected true or false");
    }
}
