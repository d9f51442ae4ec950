package io.onex.runtime.workflow;

import java.util.Map;

/**
 * A value of a workflow file that may hold {@code ${...}} expressions, compiled once when the file is loaded. A value
 * that is exactly one expression keeps the expression's type (number, list, object); an expression inside a longer
 * string is interpolated as text; mappings and lists are rendered member by member.
 */
public interface ValueTemplate {

    /**
     * Renders the value.
     *
     * @param scope the variables: {@code input}, finished steps by name, and {@code error} in failure handlers;
     *     values are plain JSON-like data (maps, lists, strings, numbers, booleans, null)
     * @return the rendered value: maps, lists, strings, longs, doubles, booleans or null
     * @throws ExpressionException when an expression fails (missing field, wrong type, ...)
     */
    Object render(Map<String, Object> scope) throws ExpressionException;

    /** Whether the value holds at least one expression (a literal needs no rendering). */
    boolean hasExpressions();
}
