package io.onex.runtime.workflow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.ValueTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kinds of {@link ValueTemplate}: a literal, one typed expression, interpolated text, a mapping, a list. */
final class Templates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Templates() {
    }

    /** A value without expressions, rendered as written. */
    record Literal(Object value) implements ValueTemplate {
        @Override
        public Object render(Map<String, Object> scope) {
            return value;
        }

        @Override
        public boolean hasExpressions() {
            return false;
        }
    }

    /** A value that is exactly one expression: keeps the expression's type. */
    record Whole(CompiledExpression expression) implements ValueTemplate {
        @Override
        public Object render(Map<String, Object> scope) throws ExpressionException {
            return CelData.plain(expression.evaluate(scope));
        }

        @Override
        public boolean hasExpressions() {
            return true;
        }
    }

    /** Text with expressions inside: each is rendered as text (strings as they are, other values as JSON). */
    record Interpolated(List<Object> parts) implements ValueTemplate {
        Interpolated {
            parts = List.copyOf(parts);
        }

        @Override
        public Object render(Map<String, Object> scope) throws ExpressionException {
            StringBuilder s = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof CompiledExpression e) {
                    s.append(text(CelData.plain(e.evaluate(scope))));
                } else {
                    s.append((String) part);
                }
            }
            return s.toString();
        }

        @Override
        public boolean hasExpressions() {
            return true;
        }

        private static String text(Object value) {
            if (value instanceof String s) {
                return s;
            }
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
    }

    /** A mapping whose values are templates; keys in file order. */
    record MapTemplate(Map<String, ValueTemplate> entries) implements ValueTemplate {
        MapTemplate {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public Object render(Map<String, Object> scope) throws ExpressionException {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, ValueTemplate> e : entries.entrySet()) {
                out.put(e.getKey(), e.getValue().render(scope));
            }
            return out;
        }

        @Override
        public boolean hasExpressions() {
            return entries.values().stream().anyMatch(ValueTemplate::hasExpressions);
        }
    }

    /** A list whose items are templates. */
    record ListTemplate(List<ValueTemplate> items) implements ValueTemplate {
        ListTemplate {
            items = List.copyOf(items);
        }

        @Override
        public Object render(Map<String, Object> scope) throws ExpressionException {
            List<Object> out = new ArrayList<>(items.size());
            for (ValueTemplate t : items) {
                out.add(t.render(scope));
            }
            return out;
        }

        @Override
        public boolean hasExpressions() {
            return items.stream().anyMatch(ValueTemplate::hasExpressions);
        }
    }
}
