package io.onex.runtime.yaml;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mapping of a YAML document at a dotted path ({@code resilience.retry}) with its allowed keys. Creating one reports
 * every unknown key; the typed getters report bad values at the key's position and return empty for a key that is
 * absent, written empty ({@code key:}) or unusable.
 */
public final class Section {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final ValueReader values;

    private Section(YamlNode.Mapping mapping, String path, ValueReader values) {
        this.mapping = mapping;
        this.path = path;
        this.values = values;
    }

    /**
     * Opens a mapping, reporting keys that are not allowed.
     *
     * @param node the node that should be a mapping
     * @param at where to report a node that is no mapping
     * @param path dotted path of the mapping, empty for the root
     * @param allowed every key the mapping may have, in the order they are documented
     * @param values the reader
     * @return the section, or empty when the node is no mapping (reported)
     */
    public static Optional<Section> open(YamlNode node, YamlNode.Mark at, String path, List<String> allowed,
            ValueReader values) {
        Optional<YamlNode.Mapping> m = path.isEmpty() && !(node instanceof YamlNode.Mapping)
                ? reportRoot(node, values) : values.mapping(node, at, path);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Section s = new Section(m.get(), path, values);
        for (YamlNode.Entry e : m.get().entries()) {
            if (!allowed.contains(e.key())) {
                values.problems().add(e.keyMark(), s.field(e.key()),
                        "unknown key, expected one of " + String.join(", ", allowed));
            }
        }
        return Optional.of(s);
    }

    private static Optional<YamlNode.Mapping> reportRoot(YamlNode node, ValueReader values) {
        values.problems().add(node.mark(), "", "expected a mapping of contract keys (name, version, ...), but was "
                + node.describe());
        return Optional.empty();
    }

    /**
     * A nested section.
     *
     * @param key its key
     * @param allowed its allowed keys
     * @return the section, or empty when absent, empty or no mapping (reported)
     */
    public Optional<Section> section(String key, List<String> allowed) {
        return entry(key).flatMap(e -> open(e.value(), e.keyMark(), field(key), allowed, values));
    }

    /** The dotted path of a key of this section. */
    public String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The entry of a key when it is written with a value. */
    public Optional<YamlNode.Entry> entry(String key) {
        return mapping.get(key).filter(e -> !(e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL));
    }

    /** Whether the key is written with a value. */
    public boolean has(String key) {
        return entry(key).isPresent();
    }

    /** Where the key is written, or where the section starts when it is not. */
    public YamlNode.Mark markOf(String key) {
        return mapping.get(key).map(YamlNode.Entry::keyMark).orElse(mapping.mark());
    }

    /** Reports a problem of a key's value, at the key. */
    public void problem(String key, String message) {
        values.problems().add(markOf(key), field(key), message);
    }

    /** Reports a required key that is absent or empty, at the mapping that lacks it (or at the empty key). */
    public boolean require(String key) {
        if (has(key)) {
            return true;
        }
        values.problems().add(markOf(key), field(key),
                mapping.get(key).isPresent() ? "required key has no value" : "required key is missing");
        return false;
    }

    /** The reader. */
    public ValueReader values() {
        return values;
    }

    public Optional<String> string(String key) {
        return entry(key).flatMap(e -> values.string(e.value(), e.keyMark(), field(key)));
    }

    public Optional<String> matching(String key, Pattern pattern, String expected) {
        return entry(key).flatMap(e -> values.matching(e.value(), e.keyMark(), field(key), pattern, expected));
    }

    public Optional<String> oneOf(String key, List<String> allowed) {
        return entry(key).flatMap(e -> values.oneOf(e.value(), e.keyMark(), field(key), allowed));
    }

    public Optional<Integer> integer(String key, int min, int max) {
        return entry(key).flatMap(e -> values.integer(e.value(), e.keyMark(), field(key), min, max));
    }

    public Optional<Double> number(String key, double min, boolean minInclusive, double max, boolean maxInclusive) {
        return entry(key).flatMap(e -> values.number(e.value(), e.keyMark(), field(key), min, minInclusive, max,
                maxInclusive));
    }

    public Optional<Boolean> bool(String key) {
        return entry(key).flatMap(e -> values.bool(e.value(), e.keyMark(), field(key)));
    }

    /** A duration strictly above zero. */
    public Optional<Duration> positiveDuration(String key) {
        return duration(key, Duration.ZERO, false);
    }

    public Optional<Duration> duration(String key, Duration min, boolean minInclusive) {
        return entry(key).flatMap(e -> values.duration(e.value(), e.keyMark(), field(key), min, minInclusive));
    }

    /** A list whose items are read with {@code item}; empty when any item is unusable. */
    public Optional<List<String>> stringList(String key, ItemReader item) {
        return entry(key).flatMap(e -> values.list(e.value(), e.keyMark(), field(key))).flatMap(seq -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode n = seq.items().get(i);
                Optional<String> v = item.read(n, n.mark(), field(key) + "[" + i + "]");
                ok &= v.isPresent();
                v.ifPresent(out::add);
            }
            return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
        });
    }

    /** Reads one item of a list. */
    @FunctionalInterface
    public interface ItemReader {
        Optional<String> read(YamlNode node, YamlNode.Mark at, String field);
    }
}
