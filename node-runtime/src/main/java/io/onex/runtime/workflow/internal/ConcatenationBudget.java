package io.onex.runtime.workflow.internal;

import dev.cel.checker.CelStandardDeclarations;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.AddOperator.AddOverload;

/**
 * Bounds the memory one evaluation can build: comprehensions are capped in iterations, but each iteration may
 * concatenate strings ({@code items.map(i, input.text + input.text + ...)}), so the characters all {@code +} of one
 * evaluation produce, together, are capped at {@value #MAX_CHARS}; past that the evaluation fails with a message
 * naming the limit. {@code +} on bytes is not offered (workflow data is JSON: it has no bytes to join).
 *
 * <p>CEL's standard string {@code +} is replaced by one that counts; the count is per thread and reset by
 * {@link #reset()} before each evaluation (CEL evaluates synchronously on the caller's thread).
 */
final class ConcatenationBudget {
    /** The most characters all string concatenations of one evaluation may produce together. */
    static final long MAX_CHARS = 4L * 1024 * 1024;
    /** Marks the failure for {@link CompiledExpression}, which words the message. */
    static final String EXCEEDED = "onex concatenation budget exceeded";

    private static final ThreadLocal<long[]> USED = ThreadLocal.withInitial(() -> new long[1]);

    private ConcatenationBudget() {
    }

    /** Starts a new evaluation's count on this thread. */
    static void reset() {
        USED.get()[0] = 0;
    }

    /** CEL's standard functions without string and bytes {@code +}; {@link #binding()} brings the counted one. */
    static CelStandardFunctions standardFunctions() {
        return CelStandardFunctions.newBuilder()
                .filterFunctions((function, overload) -> overload != AddOverload.ADD_STRING
                        && overload != AddOverload.ADD_BYTES)
                .build();
    }

    /** CEL's standard declarations: what type-checks is unchanged. */
    static CelStandardDeclarations standardDeclarations() {
        return CelStandardDeclarations.newBuilder().build();
    }

    /** String {@code +}, charging the result's length to this thread's evaluation. */
    static CelFunctionBinding binding() {
        return CelFunctionBinding.from("add_string", String.class, String.class, (a, b) -> {
            long[] used = USED.get();
            used[0] += (long) a.length() + b.length();
            if (used[0] > MAX_CHARS) {
                throw new CelEvaluationException(EXCEEDED);
            }
            return a.concat(b);
        });
    }
}
