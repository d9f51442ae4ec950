package io.onex.runtime.yaml;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a tree whose every node remembers where it was written, so that a problem found while
 * interpreting the tree can name the line and column. Built by {@link YamlTreeReader}.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** Where the node starts. */
    Mark mark();

    /** How the node is described in "expected ..., but was ..." messages. */
    String describe();

    /**
     * A 1-based position in the source.
     *
     * @param line line, from 1
     * @param column column, from 1
     */
    record Mark(int line, int column) {
        /** The start of the document, used when the parser gives no position. */
        public static final Mark START = new Mark(1, 1);
    }

    /** The YAML type the parser resolved a scalar to (YAML 1.2 core schema, as Jackson reports it). */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /**
     * A scalar as written, before any environment substitution.
     *
     * @param text the scalar text
     * @param kind the type the parser resolved
     * @param mark where it starts
     */
    record Scalar(String text, Kind kind, Mark mark) implements YamlNode {
        @Override
        public String describe() {
            return kind == Kind.NULL ? "empty" : "'" + text + "'";
        }
    }

    /**
     * A list.
     *
     * @param items the items
     * @param mark where it starts
     */
    record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A mapping, keys in document order.
     *
     * @param entries the entries
     * @param mark where it starts (its first key, for a block mapping)
     */
    record Mapping(List<Entry> entries, Mark mark) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The entry of a key, if written. */
        public Optional<Entry> get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /**
     * A key and its value.
     *
     * @param key the key
     * @param keyMark where the key is written; problems of the value are reported here
     * @param value the value
     */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }
}
