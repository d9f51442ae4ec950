package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.SourceLocation;
import io.onex.runtime.workflow.ValueTemplate;
import io.onex.runtime.yaml.FileProblems;
import io.onex.runtime.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns located YAML values into {@link ValueTemplate}s: finds every {@code ${...}} in strings, compiles it with the
 * {@link ExpressionCompiler} against the scope of the step, and reports problems at the value's position.
 */
final class TemplateCompiler {

    private final ExpressionCompiler compiler;
    private final FileProblems problems;
    private final OutputFieldCheck outputFields;

    TemplateCompiler(ExpressionCompiler compiler, FileProblems problems, OutputFieldCheck outputFields) {
        this.compiler = compiler;
        this.problems = problems;
        this.outputFields = outputFields;
    }

    /** A value of any shape; empty when any expression in it is unusable (reported). */
    Optional<ValueTemplate> value(YamlNode node, YamlNode.Mark at, String field, ExpressionCompiler.Scope scope) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, ValueTemplate> out = new LinkedHashMap<>();
            boolean ok = true;
            for (YamlNode.Entry e : m.entries()) {
                Optional<ValueTemplate> v = value(e.value(), e.keyMark(), field + "." + e.key(), scope);
                ok &= v.isPresent();
                v.ifPresent(t -> out.put(e.key(), t));
            }
            return ok ? Optional.of(new Templates.MapTemplate(out)) : Optional.empty();
        }
        if (node instanceof YamlNode.Sequence s) {
            List<ValueTemplate> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < s.items().size(); i++) {
                YamlNode item = s.items().get(i);
                Optional<ValueTemplate> v = value(item, item.mark(), field + "[" + i + "]", scope);
                ok &= v.isPresent();
                v.ifPresent(out::add);
            }
            return ok ? Optional.of(new Templates.ListTemplate(out)) : Optional.empty();
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.kind() != YamlNode.Kind.STRING) {
            return Optional.of(new Templates.Literal(literal(s)));
        }
        return text(s.text(), at, field, scope);
    }

    /**
     * A condition: {@code ${a.count > 3}} or the bare expression {@code a.count > 3}.
     */
    Optional<ValueTemplate> condition(YamlNode node, YamlNode.Mark at, String field, ExpressionCompiler.Scope scope) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() == YamlNode.Kind.NULL) {
            problems.add(at, field, "expected a condition like ${extract.count > 0}, but was " + node.describe());
            return Optional.empty();
        }
        if (s.kind() == YamlNode.Kind.BOOL) {
            return Optional.of(new Templates.Literal(Boolean.parseBoolean(s.text())));
        }
        String text = s.text().trim();
        List<Object> parts = split(text, at, field);
        if (parts == null) {
            return Optional.empty();
        }
        if (parts.size() == 1 && parts.get(0) instanceof Expr e) {
            return expression(e.text(), at, field, scope).map(Templates.Whole::new);
        }
        if (parts.stream().anyMatch(p -> p instanceof Expr)) {
            problems.add(at, field, "expected one condition, like ${extract.count > 0} or extract.count > 0, but was '"
                    + text + "'");
            return Optional.empty();
        }
        return expression(text, at, field, scope).map(Templates.Whole::new);
    }

    private Optional<ValueTemplate> text(String text, YamlNode.Mark at, String field, ExpressionCompiler.Scope scope) {
        List<Object> parts = split(text, at, field);
        if (parts == null) {
            return Optional.empty();
        }
        if (parts.stream().noneMatch(p -> p instanceof Expr)) {
            return Optional.of(new Templates.Literal(text));
        }
        if (parts.size() == 1) {
            return expression(((Expr) parts.get(0)).text(), at, field, scope).map(Templates.Whole::new);
        }
        List<Object> compiled = new ArrayList<>();
        boolean ok = true;
        for (Object p : parts) {
            if (p instanceof Expr e) {
                Optional<CompiledExpression> c = expression(e.text(), at, field, scope);
                ok &= c.isPresent();
                c.ifPresent(compiled::add);
            } else {
                compiled.add(p);
            }
        }
        return ok ? Optional.of(new Templates.Interpolated(compiled)) : Optional.empty();
    }

    private Optional<CompiledExpression> expression(String text, YamlNode.Mark at, String field,
            ExpressionCompiler.Scope scope) {
        SourceLocation location = new SourceLocation(problems.file(), at.line(), at.column());
        ExpressionCompiler.Result r = compiler.compile(text.trim(), scope, location);
        r.problems().forEach(p -> problems.add(at, field, p));
        if (r.expression() == null) {
            return Optional.empty();
        }
        List<String> unknownFields = outputFields.problems(text.trim(), scope.steps());
        unknownFields.forEach(p -> problems.add(at, field, p));
        return unknownFields.isEmpty() ? Optional.of(r.expression()) : Optional.empty();
    }

    /** An expression found in text. */
    private record Expr(String text) {
    }

    /** Splits text into literal strings and {@code ${...}} expressions; null when one is unterminated (reported). */
    private List<Object> split(String text, YamlNode.Mark at, String field) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(text.substring(i));
                break;
            }
            if (open > i) {
                parts.add(text.substring(i, open));
            }
            int close = closingBrace(text, open + 2);
            if (close < 0) {
                problems.add(at, field, "unterminated expression in '" + text + "', expected '}' after '"
                        + text.substring(open) + "'");
                return null;
            }
            parts.add(new Expr(text.substring(open + 2, close)));
            i = close + 1;
        }
        return parts;
    }

    /** The index of the '}' closing an expression that starts at {@code from}, skipping string literals and nested braces. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = ExpressionCompiler.endOfString(text, i) - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static Object literal(YamlNode.Scalar s) {
        try {
            return switch (s.kind()) {
                case INT -> Long.parseLong(s.text().replace("_", "").replace("+", ""));
                case FLOAT -> Double.parseDouble(s.text());
                case BOOL -> Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
                case NULL -> null;
                case STRING -> s.text();
            };
        } catch (NumberFormatException e) {
            return s.text();
        }
    }
}
