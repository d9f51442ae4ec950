package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The loader and the schema accept and reject contracts as the table declares their keys. */
class ContractTableTest {
    /** The topic the sample contract subscribes to (no dots: sample paths are split at dots). */
    private static final String TOPIC = "orders-created";


    private static final Path INLINE = Path.of("inline.yaml");
    /** Excludes the circuit breaker's rate form, which is written on its own. */
    private static final String SHORTHAND = "resilience.circuit_breaker.failure_threshold";

    private final ContractLoader loader = new ContractLoader(Map.of());

    @Test
    void aContractWithEveryKeyOfTheTableAtABoundOfItsRangeLoadsAndConforms() throws Exception {
        String yaml = contract(k -> !k.path().equals(SHORTHAND), Map.of());

        NodeContract c = loader.parse(yaml, INLINE);

        assertThat(c.consumer().orElseThrow().maxPollRecords()).isEqualTo(10_000);
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(100);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new ContractSchema().validate(yaml, INLINE)).isEmpty();
    }

    @Test
    void theBreakerShorthandOfTheTableLoads() throws Exception {
        String yaml = contract(k -> !k.path().startsWith("resilience.circuit_breaker.")
                || k.path().equals(SHORTHAND), Map.of());

        assertThat(loader.parse(yaml, INLINE).resilience().circuitBreaker().slidingWindowSize()).isEqualTo(10_000);
    }

    static Stream<ContractKey> sections() {
        ContractKey root = new ContractKey("", new KeyType.Section(), false, null, "", "root", Optional.empty());
        return Stream.concat(Stream.of(root),
                ContractTable.keys().stream().filter(k -> k.type() instanceof KeyType.Section));
    }

    @ParameterizedTest
    @MethodSource("sections")
    void everySectionRejectsAKeyTheTableDoesNotDeclareNamingTheOnesItDoes(ContractKey section) {
        String bogus = section.path().isEmpty() ? "bogus" : section.path() + ".bogus";
        String yaml = contract(k -> !k.path().equals(SHORTHAND), Map.of(bogus, 1));

        assertThatThrownBy(() -> loader.parse(yaml, INLINE))
                .isInstanceOf(ContractValidationException.class)
                .hasMessageContaining(" " + bogus + ": unknown key, expected one of "
                        + String.join(", ", ContractTable.keysOf(section.path())));
        assertThat(new ContractSchema().validate(yaml, INLINE)).extracting(FileProblem::field).contains(bogus);
    }

    static Stream<ContractKey> integers() {
        return ContractTable.keys().stream().filter(k -> k.type() instanceof KeyType.IntRange);
    }

    @ParameterizedTest
    @MethodSource("integers")
    void everyIntegerKeyRejectsAValueAboveTheTablesRange(ContractKey key) {
        int max = ((KeyType.IntRange) key.type()).max();
        String yaml = contract(k -> key.path().equals(SHORTHAND) ? !k.path().startsWith("resilience.circuit_breaker.")
                || k.path().equals(SHORTHAND) : !k.path().equals(SHORTHAND), Map.of(key.path(), max + 1));

        assertThatThrownBy(() -> loader.parse(yaml, INLINE))
                .isInstanceOf(ContractValidationException.class)
                .hasMessageContaining(" " + concrete(key.path()) + ": must be <= " + max + ", but was " + (max + 1));
        assertThat(new ContractSchema().validate(yaml, INLINE)).extracting(FileProblem::field)
                .contains(concrete(key.path()));
    }

    @Test
    void everyRequiredKeyOfTheTableIsReportedWhenMissing() {
        List<String> required = ContractTable.keys().stream().filter(ContractKey::required).map(ContractKey::path)
                .toList();

        assertThatThrownBy(() -> loader.parse("description: nothing else\n", INLINE))
                .isInstanceOf(ContractValidationException.class)
                .satisfies(e -> assertThat(((ContractValidationException) e).problems())
                        .extracting(FileProblem::field).containsExactly("name", "version", "node_type",
                                "implementation"));
        // implementation is required unless remote.served is elsewhere: a rule, not the table's flag
        assertThat(required).containsExactly("name", "version", "node_type");
    }

    /** A contract holding the table's keys that {@code include} selects, each at a valid value, with overrides. */
    private static String contract(Predicate<ContractKey> include, Map<String, Object> overrides) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ContractKey k : ContractTable.keys()) {
            if (include.test(k) && !(k.type() instanceof KeyType.Section) && !(k.type() instanceof KeyType.TopicMap)) {
                put(root, concrete(k.path()), sample(k));
            }
        }
        overrides.forEach((path, value) -> put(root, concrete(path), value));
        StringBuilder s = new StringBuilder();
        write(root, "", s);
        return s.toString();
    }

    /** The path with the topic the sample contract subscribes to in place of a topic map's {@code *}. */
    private static String concrete(String path) {
        return path.replace("." + KeyType.TopicMap.ANY_TOPIC + ".", "." + TOPIC + ".");
    }

    /** A valid value for a key: a bound of its range where it has one. */
    private static Object sample(ContractKey k) {
        KeyType t = k.type();
        if (t instanceof KeyType.Text) {
            return switch (k.path()) {
                case "name" -> "table_probe";
                case "implementation" -> "io.onex.test.TableProbe";
                case "consumer.group_id" -> "table-probe";
                case "remote.request_topic" -> "onex.cmd.table-probe-requested.v1";
                case "topic_settings.*.payload_schema" -> "schemas/table-probe.json";
                case "topic_settings.*.dead_letter_topic" -> "table_probe_dlq_v1";
                default -> "free text";
            };
        }
        if (t instanceof KeyType.Choice c) {
            return c.words().get(c.words().size() - 1);
        }
        if (t instanceof KeyType.IntRange r) {
            return r.max();
        }
        if (t instanceof KeyType.NumberRange r) {
            return r.minInclusive() ? r.min() : r.max();
        }
        if (t instanceof KeyType.Bool) {
            return true;
        }
        if (t instanceof KeyType.DurationMin d) {
            return d.minInclusive() ? io.onex.runtime.yaml.ValueReader.format(d.min()) : "2s";
        }
        if (t instanceof KeyType.Version) {
            return "1.2.3-rc.1";
        }
        if (t instanceof KeyType.TextList) {
            return k.path().startsWith("topics.") ? List.of(TOPIC) : List.of("java.io.IOException");
        }
        if (t instanceof KeyType.FieldTypes f) {
            return Map.of("word_count", f.types().get(1));
        }
        if (t instanceof KeyType.FreeForm) {
            return Map.of("greeting", "hello");
        }
        throw new IllegalArgumentException("no sample for " + k);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = root;
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
        }
        m.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> m, String indent, StringBuilder s) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            s.append(indent).append(e.getKey()).append(':');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                s.append('\n');
                write((Map<String, Object>) nested, indent + "  ", s);
            } else if (v instanceof List<?> list) {
                List<String> items = new ArrayList<>();
                list.forEach(x -> items.add(x.toString()));
                s.append(" [").append(String.join(", ", items)).append("]\n");
            } else {
                s.append(' ').append(v).append('\n');
            }
        }
    }
}
