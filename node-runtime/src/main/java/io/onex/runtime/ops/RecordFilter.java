package io.onex.runtime.ops;

import io.onex.runtime.workflow.Condition;
import io.onex.runtime.workflow.ExpressionException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@code --where} condition over {@link RecordVariables}, or none (every record passes). A record the condition
 * cannot be evaluated on ({@code payload.x} where there is no {@code x}: {@code has(payload.x)} tests for it) does
 * not pass; such records are counted and the first failure kept, for the verb to report once rather than per record.
 * Thread-safe.
 */
public final class RecordFilter {

    private final Condition condition;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private RecordFilter(Condition condition) {
        this.condition = condition;
    }

    /**
     * @param where the condition, or null for none
     * @throws IllegalArgumentException naming what is wrong in it and where
     */
    public static RecordFilter where(String where) {
        return new RecordFilter(where == null ? null : Condition.compile(where, RecordVariables.NAMES));
    }

    /** Whether the record with these variables passes. */
    public boolean test(Map<String, Object> variables) {
        if (condition == null) {
            return true;
        }
        try {
            return condition.test(variables);
        } catch (ExpressionException e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e.getMessage());
            return false;
        }
    }

    /** Whether the dead letter passes. */
    public boolean test(DeadLetterView letter) {
        return condition == null || test(RecordVariables.of(letter));
    }

    /** How many records the condition could not be evaluated on. */
    public long failures() {
        return failures.get();
    }

    /** A line for stderr when some records could not be tested, else empty. */
    public Optional<String> failureNote() {
        long n = failures.get();
        return n == 0 ? Optional.empty() : Optional.of("note: --where could not be evaluated on " + n
                + " record(s), left out; the first: " + SafeText.escape(firstFailure.get())
                + " (has(payload.x) tests whether a field is there)");
    }
}
