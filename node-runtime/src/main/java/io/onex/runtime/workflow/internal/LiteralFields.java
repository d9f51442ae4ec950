package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.ValueTemplate;
import java.util.Optional;

/** Reads values that are written literally in a template, known before any run (e.g. a step's fixed topic). */
public final class LiteralFields {
    private LiteralFields() {
    }

    /**
     * A top-level string field of a mapping template, when it is written without expressions.
     *
     * @param template a step's input
     * @param field the field
     * @return its text, or empty when absent, not a string, or computed by an expression
     */
    public static Optional<String> string(ValueTemplate template, String field) {
        if (template instanceof Templates.MapTemplate m && m.entries().get(field) instanceof Templates.Literal l
                && l.value() instanceof String s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
