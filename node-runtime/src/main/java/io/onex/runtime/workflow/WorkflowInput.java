package io.onex.runtime.workflow;

import java.util.List;
import java.util.Objects;

/**
 * A declared input of a workflow.
 *
 * @param name the name, read in expressions as {@code input.<name>}
 * @param type one of {@link #TYPES}
 * @param required whether a run must supply it
 * @param defaultValue the value used when a run does not supply it, or null
 * @param description what it is, or empty
 * @param location where it is declared
 */
public record WorkflowInput(String name, String type, boolean required, Object defaultValue, String description,
        SourceLocation location) {

    /** The input types: JSON types, plus {@code any}. */
    public static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "object", "array", "any");

    public WorkflowInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** Whether a supplied value has this input's type. */
    public boolean accepts(Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof java.util.Map;
            case "array" -> value instanceof java.util.List;
            default -> true;
        };
    }
}
