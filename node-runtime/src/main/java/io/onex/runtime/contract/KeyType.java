package io.onex.runtime.contract;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the value of a {@link ContractKey} must be. The loader checks values against it, and the JSON Schema and the
 * contract reference are written from it, so the three cannot disagree.
 */
public sealed interface KeyType {

    /** How the type is named in the contract reference ({@code integer}, {@code duration}, ...). */
    String label();

    /** The allowed values as the contract reference shows them ({@code 1..10000}, {@code earliest, latest}), or "". */
    String range();

    /**
     * A string, any or matching a pattern.
     *
     * @param pattern the whole value must match it, or null for any string
     * @param form how problems name the expected form ("snake_case matching [a-z][a-z0-9_]*")
     */
    record Text(Pattern pattern, String form) implements KeyType {
        @Override
        public String label() {
            return "string";
        }

        @Override
        public String range() {
            return pattern == null ? "" : pattern.pattern();
        }
    }

    /**
     * One of a few words.
     *
     * @param words the allowed words, in documented order
     */
    record Choice(List<String> words) implements KeyType {
        public Choice {
            words = List.copyOf(words);
        }

        @Override
        public String label() {
            return "string";
        }

        @Override
        public String range() {
            return String.join(", ", words);
        }
    }

    /**
     * An integer in {@code [min, max]}.
     *
     * @param min the least allowed value
     * @param max the greatest allowed value
     */
    record IntRange(int min, int max) implements KeyType {
        @Override
        public String label() {
            return "integer";
        }

        @Override
        public String range() {
            return min + ".." + max;
        }
    }

    /**
     * A number within bounds, each inclusive or not; {@code max == Double.MAX_VALUE} means no upper bound.
     *
     * @param min lower bound
     * @param minInclusive whether {@code min} itself is allowed
     * @param max upper bound
     * @param maxInclusive whether {@code max} itself is allowed
     */
    record NumberRange(double min, boolean minInclusive, double max, boolean maxInclusive) implements KeyType {
        @Override
        public String label() {
            return "number";
        }

        /** Whether the range has an upper bound. */
        public boolean bounded() {
            return max != Double.MAX_VALUE;
        }

        @Override
        public String range() {
            String low = (minInclusive ? ">= " : "> ") + plain(min);
            return bounded() ? low + " and " + (maxInclusive ? "<= " : "< ") + plain(max) : low;
        }

        private static String plain(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** {@code true} or {@code false}. */
    record Bool() implements KeyType {
        @Override
        public String label() {
            return "boolean";
        }

        @Override
        public String range() {
            return "true, false";
        }
    }

    /**
     * A duration like {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, above (or at least) a minimum.
     *
     * @param min the bound
     * @param minInclusive whether {@code min} itself is allowed
     */
    record DurationMin(Duration min, boolean minInclusive) implements KeyType {
        @Override
        public String label() {
            return "duration";
        }

        @Override
        public String range() {
            return (minInclusive ? ">= " : "> ") + io.onex.runtime.yaml.ValueReader.format(min);
        }
    }

    /** A semantic version {@code MAJOR.MINOR.PATCH} with an optional pre-release tag. */
    record Version() implements KeyType {
        /** The form, as the JSON Schema checks it. */
        public static final String PATTERN = "v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?";

        @Override
        public String label() {
            return "version";
        }

        @Override
        public String range() {
            return "MAJOR.MINOR.PATCH[-pre]";
        }
    }

    /**
     * A list of strings, each matching a pattern.
     *
     * @param pattern what every item must match
     * @param form how problems name the expected form of an item
     */
    record TextList(Pattern pattern, String form) implements KeyType {
        @Override
        public String label() {
            return "list of strings";
        }

        @Override
        public String range() {
            return pattern.pattern();
        }
    }

    /** A mapping whose keys are declared in the table under its path. */
    record Section() implements KeyType {
        @Override
        public String label() {
            return "mapping";
        }

        @Override
        public String range() {
            return "";
        }
    }

    /**
     * A mapping from each of the contract's own topics (as written under {@code topics}) to a mapping whose keys the
     * table declares under {@code <path>.*} ({@code topic_settings}).
     */
    record TopicMap() implements KeyType {
        /** The path segment that stands for the topic in the keys declared under a topic map. */
        public static final String ANY_TOPIC = "*";

        @Override
        public String label() {
            return "mapping: topic to mapping";
        }

        @Override
        public String range() {
            return "topics of topics.subscribe or topics.publish";
        }
    }

    /** A mapping the contract does not check (the node's own {@code config:}). */
    record FreeForm() implements KeyType {
        @Override
        public String label() {
            return "mapping (free-form)";
        }

        @Override
        public String range() {
            return "";
        }
    }

    /**
     * A mapping from field names (snake_case) to one of a few type words: what a node's result holds
     * ({@code outputs}).
     *
     * @param types the allowed type words, in documented order
     */
    record FieldTypes(List<String> types) implements KeyType {
        /** Field names, as expressions read them. */
        public static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public FieldTypes {
            types = List.copyOf(types);
        }

        @Override
        public String label() {
            return "mapping: field to type";
        }

        @Override
        public String range() {
            return String.join(", ", types);
        }
    }
}
