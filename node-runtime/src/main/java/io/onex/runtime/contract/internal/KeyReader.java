package io.onex.runtime.contract.internal;

import io.onex.runtime.contract.ContractKey;
import io.onex.runtime.contract.ContractTable;
import io.onex.runtime.contract.KeyType;
import io.onex.runtime.yaml.Section;
import io.onex.runtime.yaml.ValueReader;
import io.onex.runtime.yaml.YamlNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the keys of a section as {@link ContractTable} declares them under a table path: a nested section allows
 * exactly the keys the table lists under it, and each value is checked against its key's type and range. The
 * binders say which keys they read; the table says what each must be.
 *
 * <p>The table path is usually the section's own path; a workflow step's {@code retry:} is read at
 * {@code resilience.retry}.
 */
public final class KeyReader {

    private final Section section;
    private final String tablePath;

    private KeyReader(Section section, String tablePath) {
        this.section = section;
        this.tablePath = tablePath;
    }

    /** Opens the document root, rejecting keys the table does not declare at the top. */
    public static Optional<KeyReader> root(YamlNode root, ValueReader values) {
        return Section.open(root, root.mark(), "", ContractTable.keysOf(""), values).map(s -> new KeyReader(s, ""));
    }

    /**
     * @param section an open section
     * @param tablePath the path under which the table declares its keys
     */
    public static KeyReader of(Section section, String tablePath) {
        return new KeyReader(section, tablePath);
    }

    /** The section, for what the table cannot say (required keys, rules between keys). */
    public Section section() {
        return section;
    }

    /** Opens a nested section, rejecting keys the table does not declare under it. */
    public Optional<KeyReader> section(String key) {
        String path = path(key);
        return section.section(key, ContractTable.keysOf(path)).map(s -> new KeyReader(s, path));
    }

    /** The key's declaration. */
    public ContractKey key(String key) {
        return ContractTable.key(path(key));
    }

    /** The default the table declares, typed. */
    public <T> T defaultOf(String key, Class<T> type) {
        return type.cast(key(key).defaultValue());
    }

    /** A string key: any string, or one matching the key's pattern. */
    public Optional<String> text(String key) {
        KeyType.Text t = type(key, KeyType.Text.class);
        return t.pattern() == null ? section.string(key) : section.matching(key, t.pattern(), t.form());
    }

    /** A word of the key's choice. */
    public Optional<String> choice(String key) {
        return section.oneOf(key, type(key, KeyType.Choice.class).words());
    }

    /** An integer in the key's range. */
    public Optional<Integer> integer(String key) {
        KeyType.IntRange r = type(key, KeyType.IntRange.class);
        return section.integer(key, r.min(), r.max());
    }

    /** A number in the key's range. */
    public Optional<Double> number(String key) {
        KeyType.NumberRange r = type(key, KeyType.NumberRange.class);
        return section.number(key, r.min(), r.minInclusive(), r.max(), r.maxInclusive());
    }

    /** A boolean. */
    public Optional<Boolean> bool(String key) {
        type(key, KeyType.Bool.class);
        return section.bool(key);
    }

    /** A duration above the key's minimum. */
    public Optional<Duration> duration(String key) {
        KeyType.DurationMin d = type(key, KeyType.DurationMin.class);
        return section.duration(key, d.min(), d.minInclusive());
    }

    /** A list of strings, each matching the key's item pattern. */
    public Optional<List<String>> textList(String key) {
        KeyType.TextList l = type(key, KeyType.TextList.class);
        return section.stringList(key,
                (node, at, field) -> section.values().matching(node, at, field, l.pattern(), l.form()));
    }

    private String path(String key) {
        return tablePath.isEmpty() ? key : tablePath + "." + key;
    }

    private <T extends KeyType> T type(String key, Class<T> expected) {
        KeyType t = key(key).type();
        if (!expected.isInstance(t)) {
            throw new IllegalStateException(path(key) + " is declared " + t + " in the contract table, but read as "
                    + expected.getSimpleName());
        }
        return expected.cast(t);
    }
}
