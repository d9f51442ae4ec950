package io.onex.runtime.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets located YAML nodes as typed values: substitutes environment references first, then checks the type and
 * range, reporting a located problem and returning empty when the value is unusable.
 *
 * <p>Typing follows the parser for values written literally (a quoted {@code "3"} is a string, not an integer, as a
 * JSON Schema would also say); a value that held an {@code ${env:...}} reference is interpreted from its
 * substituted text, since its type can only be known after substitution.
 */
public final class ValueReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern YAML_INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern YAML_BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");

    private final FileProblems problems;
    private final EnvironmentSubstitution environment;

    /**
     * @param problems where problems go
     * @param environment how references are substituted
     */
    public ValueReader(FileProblems problems, EnvironmentSubstitution environment) {
        this.problems = problems;
        this.environment = environment;
    }

    /** Where problems go. */
    public FileProblems problems() {
        return problems;
    }

    /** A scalar after substitution. */
    private record Text(String text, YamlNode.Kind kind, boolean substituted) {
    }

    private Optional<Text> scalar(YamlNode node, YamlNode.Mark at, String field, String expected) {
        if (!(node instanceof YamlNode.Scalar s)) {
            problems.add(at, field, "expected " + expected + ", but was " + node.describe());
            return Optional.empty();
        }
        EnvironmentSubstitution.Result r = environment.substitute(s.text());
        r.problems().forEach(p -> problems.add(at, field, p));
        return r.problems().isEmpty() ? Optional.of(new Text(r.text(), s.kind(), r.substituted())) : Optional.empty();
    }

    private Optional<Text> scalarOf(YamlNode node, YamlNode.Mark at, String field, String expected, YamlNode.Kind kind) {
        Optional<Text> t = scalar(node, at, field, expected);
        if (t.isPresent() && !t.get().substituted() && t.get().kind() != kind) {
            problems.add(at, field, "expected " + expected + ", but was " + was(t.get()));
            return Optional.empty();
        }
        return t;
    }

    /** A string. */
    public Optional<String> string(YamlNode node, YamlNode.Mark at, String field) {
        return scalarOf(node, at, field, "a string", YamlNode.Kind.STRING).map(Text::text);
    }

    /** A string matching a pattern; {@code expected} names the form ("a semantic version like 1.0.0"). */
    public Optional<String> matching(YamlNode node, YamlNode.Mark at, String field, Pattern pattern, String expected) {
        Optional<String> s = string(node, at, field);
        if (s.isPresent() && !pattern.matcher(s.get()).matches()) {
            problems.add(at, field, "expected " + expected + ", but was '" + s.get() + "'");
            return Optional.empty();
        }
        return s;
    }

    /** One of a fixed set of words. */
    public Optional<String> oneOf(YamlNode node, YamlNode.Mark at, String field, List<String> allowed) {
        Optional<String> s = string(node, at, field);
        if (s.isPresent() && !allowed.contains(s.get())) {
            problems.add(at, field, "expected one of " + String.join(", ", allowed) + ", but was '" + s.get() + "'");
            return Optional.empty();
        }
        return s;
    }

    /** An integer in {@code [min, max]}. */
    public Optional<Integer> integer(YamlNode node, YamlNode.Mark at, String field, int min, int max) {
        Optional<Text> t = scalarOf(node, at, field, "an integer", YamlNode.Kind.INT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(t.get().text().trim());
        } catch (NumberFormatException e) {
            problems.add(at, field, "expected an integer, but was '" + t.get().text() + "'");
            return Optional.empty();
        }
        if (value < min) {
            problems.add(at, field, "must be >= " + min + ", but was " + value);
            return Optional.empty();
        }
        if (value > max) {
            problems.add(at, field, "must be <= " + max + ", but was " + value);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    /** A number within bounds; each bound inclusive or not. */
    public Optional<Double> number(YamlNode node, YamlNode.Mark at, String field,
            double min, boolean minInclusive, double max, boolean maxInclusive) {
        Optional<Text> t = scalar(node, at, field, "a number");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Text text = t.get();
        boolean numeric = text.kind() == YamlNode.Kind.INT || text.kind() == YamlNode.Kind.FLOAT;
        if (!text.substituted() && !numeric || text.substituted() && !YAML_FLOAT.matcher(text.text().trim()).matches()) {
            problems.add(at, field, "expected a number, but was " + was(text));
            return Optional.empty();
        }
        double value = Double.parseDouble(text.text().trim());
        if (minInclusive ? value < min : value <= min) {
            problems.add(at, field, "must be " + (minInclusive ? ">= " : "> ") + plain(min) + ", but was " + text.text());
            return Optional.empty();
        }
        if (maxInclusive ? value > max : value >= max) {
            problems.add(at, field, "must be " + (maxInclusive ? "<= " : "< ") + plain(max) + ", but was " + text.text());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** {@code true} or {@code false}. */
    public Optional<Boolean> bool(YamlNode node, YamlNode.Mark at, String field) {
        Optional<Text> t = scalar(node, at, field, "true or false");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        boolean ok = t.get().substituted() ? YAML_BOOL.matcher(t.get().text().trim()).matches()
                : t.get().kind() == YamlNode.Kind.BOOL;
        if (!ok) {
            problems.add(at, field, "expected true or false, but was " + was(t.get()));
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(t.get().text().trim()));
    }

    /** A duration like {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, at least {@code min} (or above it). */
    public Optional<Duration> duration(YamlNode node, YamlNode.Mark at, String field, Duration min, boolean minInclusive) {
        Optional<Text> t = scalar(node, at, field, "a duration like 500ms, 30s or 2m");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(t.get().text().trim());
        if (!m.matches() || !t.get().substituted() && t.get().kind() != YamlNode.Kind.STRING) {
            problems.add(at, field, "expected a duration like 500ms, 30s or 2m, but was '" + t.get().text() + "'");
            return Optional.empty();
        }
        Duration d;
        try {
            long amount = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(at, field, "expected a duration like 500ms, 30s or 2m, but was '" + t.get().text()
                    + "', which is too long");
            return Optional.empty();
        }
        int c = d.compareTo(min);
        if (minInclusive ? c < 0 : c <= 0) {
            problems.add(at, field, "must be " + (minInclusive ? ">= " : "> ") + format(min) + ", but was "
                    + t.get().text().trim());
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** A list node. */
    public Optional<YamlNode.Sequence> list(YamlNode node, YamlNode.Mark at, String field) {
        if (node instanceof YamlNode.Sequence s) {
            return Optional.of(s);
        }
        problems.add(at, field, "expected a list, but was " + node.describe());
        return Optional.empty();
    }

    /** A mapping node. */
    public Optional<YamlNode.Mapping> mapping(YamlNode node, YamlNode.Mark at, String field) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        problems.add(at, field, "expected a mapping, but was " + node.describe());
        return Optional.empty();
    }

    /**
     * A free-form value of a node's {@code config:}: mappings and lists keep their shape, scalars become
     * {@code Long}/{@code Integer}, {@code Double}, {@code Boolean} or {@code String}. A substituted scalar is typed
     * from its substituted text; an empty substitution stays the empty string.
     */
    public Optional<Object> free(YamlNode node, YamlNode.Mark at, String field) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean ok = true;
            for (YamlNode.Entry e : m.entries()) {
                Optional<Object> v = free(e.value(), e.keyMark(), field + "." + e.key());
                ok &= v.isPresent();
                v.ifPresent(x -> out.put(e.key(), x));
            }
            return ok ? Optional.of(Collections.unmodifiableMap(out)) : Optional.empty();
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < s.items().size(); i++) {
                YamlNode item = s.items().get(i);
                Optional<Object> v = free(item, item.mark(), field + "[" + i + "]");
                ok &= v.isPresent();
                v.ifPresent(out::add);
            }
            return ok ? Optional.of(Collections.unmodifiableList(out)) : Optional.empty();
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.kind() == YamlNode.Kind.NULL) {
            problems.add(at, field, "expected a value, but was empty; write '' for an empty string");
            return Optional.empty();
        }
        return scalar(node, at, field, "a value").map(t -> typed(t.substituted() ? inferKind(t.text()) : t.kind(), t.text()));
    }

    /** Says when a value was quoted into a string although it reads as a number or boolean. */
    private static String was(Text t) {
        boolean quotedOther = !t.substituted() && t.kind() == YamlNode.Kind.STRING
                && inferKind(t.text()) != YamlNode.Kind.STRING;
        return quotedOther ? "the quoted string '" + t.text() + "' (remove the quotes)" : "'" + t.text() + "'";
    }

    private static YamlNode.Kind inferKind(String text) {
        if (YAML_INT.matcher(text).matches()) {
            return YamlNode.Kind.INT;
        }
        if (YAML_FLOAT.matcher(text).matches()) {
            return YamlNode.Kind.FLOAT;
        }
        return YAML_BOOL.matcher(text).matches() ? YamlNode.Kind.BOOL : YamlNode.Kind.STRING;
    }

    private static Object typed(YamlNode.Kind kind, String text) {
        try {
            switch (kind) {
                case INT: {
                    long v = Long.parseLong(text.replace("_", "").replace("+", ""));
                    return v == (int) v ? (Object) (int) v : (Object) v;
                }
                case FLOAT:
                    return Double.parseDouble(text);
                case BOOL:
                    return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                default:
                    return text;
            }
        } catch (NumberFormatException e) {
            // hex, octal or huge literals: keep the text rather than guess
            return text;
        }
    }

    /** A duration in the contract notation: {@code 100ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
