package io.onex.runtime.contract.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.runtime.contract.ContractKey;
import io.onex.runtime.contract.KeyType;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Writes the JSON Schema of contracts from the contract table. Scalars accept an {@code ${env:...}} reference in
 * place of a value (the schema checks files as written, before substitution). Besides the keys it writes the two
 * rules between keys JSON Schema can say: a consumer only with subscriptions, and the exclusive circuit-breaker forms.
 */
public final class ContractSchemaWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String ENV_REF = "#/$defs/envRef";
    private static final String BREAKER = "resilience.circuit_breaker";
    private static final String EXCLUSIVE_BREAKER_FORMS = "failure_threshold (N consecutive failures) cannot be "
            + "combined with failure_rate_threshold, sliding_window_size or minimum_calls";
    private static final String CONSUMER_NEEDS_SUBSCRIPTIONS =
            "allowed only when topics.subscribe lists at least one topic";

    private ContractSchemaWriter() {
    }

    /**
     * @param keys the contract table
     * @return the schema, pretty-printed, ending with a line break
     */
    public static String write(List<ContractKey> keys) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://onex.io/schemas/onex-contract.schema.json");
        root.put("title", "ONEX node contract");
        root.put("description", "Declares an ONEX node: identity, topics, resilience, dead-lettering, heartbeat, "
                + "consumer and node-specific config. Scalars may hold ${env:NAME} or ${env:NAME:-default}. The "
                + "runtime's ContractLoader is the authority; this schema is for editors. Generated from "
                + "io.onex.runtime.contract.ContractTable: do not edit.");
        mapping(root, "", keys);
        root.set("if", subscribes());
        root.set("else", consumerForbidden());
        root.set("$defs", definitions());
        return print(root);
    }

    private static void mapping(ObjectNode node, String path, List<ContractKey> keys) {
        node.put("type", "object");
        node.put("additionalProperties", false);
        ArrayNode required = F.arrayNode();
        ObjectNode properties = F.objectNode();
        for (ContractKey k : keys) {
            if (k.parent().equals(path)) {
                if (k.required()) {
                    required.add(k.name());
                }
                properties.set(k.name(), property(k, keys));
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.set("properties", properties);
        if (path.equals(BREAKER)) {
            node.set("not", exclusiveBreakerForms());
        }
    }

    private static ObjectNode property(ContractKey k, List<ContractKey> keys) {
        ObjectNode p = F.objectNode();
        p.put("description", description(k));
        KeyType type = k.type();
        if (type instanceof KeyType.Section) {
            mapping(p, k.path(), keys);
        } else if (type instanceof KeyType.TopicMap) {
            p.put("type", "object");
            ObjectNode perTopic = F.objectNode();
            mapping(perTopic, k.path() + "." + KeyType.TopicMap.ANY_TOPIC, keys);
            p.set("additionalProperties", perTopic);
        } else if (type instanceof KeyType.FieldTypes f) {
            p.put("type", "object");
            p.putObject("propertyNames").put("pattern", "^" + KeyType.FieldTypes.FIELD.pattern() + "$");
            ObjectNode word = F.objectNode();
            ArrayNode words = word.putArray("enum");
            f.types().forEach(words::add);
            p.set("additionalProperties", word);
        } else if (type instanceof KeyType.FreeForm) {
            p.put("type", "object");
            ObjectNode any = F.objectNode();
            ArrayNode types = any.putArray("type");
            List.of("string", "number", "integer", "boolean", "array", "object").forEach(types::add);
            p.set("additionalProperties", any);
        } else if (type instanceof KeyType.Text t && t.pattern() == null) {
            p.put("type", "string");
        } else if (type instanceof KeyType.TextList l) {
            p.put("type", "array");
            p.set("items", orEnvRef(string(l.pattern().pattern())));
        } else if (type instanceof KeyType.DurationMin d) {
            p.put("$ref", durationDefinition(k, d));
        } else {
            p.setAll(orEnvRef(value(type)));
        }
        return p;
    }

    private static ObjectNode value(KeyType type) {
        ObjectNode v = F.objectNode();
        if (type instanceof KeyType.Text t) {
            v.setAll(string(t.pattern().pattern()));
        } else if (type instanceof KeyType.Version) {
            v.setAll(string(KeyType.Version.PATTERN));
        } else if (type instanceof KeyType.Choice c) {
            c.words().forEach(v.putArray("enum")::add);
        } else if (type instanceof KeyType.IntRange r) {
            v.put("type", "integer").put("minimum", r.min()).put("maximum", r.max());
        } else if (type instanceof KeyType.NumberRange r) {
            v.put("type", "number");
            putNumber(v, r.minInclusive() ? "minimum" : "exclusiveMinimum", r.min());
            if (r.bounded()) {
                putNumber(v, r.maxInclusive() ? "maximum" : "exclusiveMaximum", r.max());
            }
        } else if (type instanceof KeyType.Bool) {
            v.put("type", "boolean");
        } else {
            throw new IllegalArgumentException("no scalar schema for " + type);
        }
        return v;
    }

    private static void putNumber(ObjectNode v, String name, double d) {
        if (d == Math.rint(d)) {
            v.put(name, (long) d);
        } else {
            v.put(name, d);
        }
    }

    private static ObjectNode string(String pattern) {
        return F.objectNode().put("type", "string").put("pattern", "^" + pattern + "$");
    }

    private static ObjectNode orEnvRef(ObjectNode value) {
        ObjectNode n = F.objectNode();
        n.putArray("anyOf").add(value).add(F.objectNode().put("$ref", ENV_REF));
        return n;
    }

    private static String durationDefinition(ContractKey k, KeyType.DurationMin d) {
        if (d.min().isZero() && !d.minInclusive()) {
            return "#/$defs/duration";
        }
        if (d.min().equals(Duration.ofSeconds(1)) && d.minInclusive()) {
            return "#/$defs/durationOfASecondOrMore";
        }
        throw new IllegalArgumentException(k.path() + ": the schema has no definition of durations "
                + d.range() + "; add one to ContractSchemaWriter.definitions()");
    }

    private static String description(ContractKey k) {
        StringBuilder s = new StringBuilder(k.doc());
        if (!k.defaultText().isEmpty()) {
            s.append(" Default: ");
            k.environmentVariable()
                    .ifPresent(v -> s.append("environment variable ").append(v).append(" when set, else "));
            s.append(k.defaultText()).append('.');
        }
        return s.toString();
    }

    private static ObjectNode subscribes() {
        ObjectNode subscribe = F.objectNode().put("type", "array").put("minItems", 1);
        ObjectNode topics = F.objectNode().put("type", "object");
        topics.putArray("required").add("subscribe");
        topics.putObject("properties").set("subscribe", subscribe);
        ObjectNode condition = F.objectNode();
        condition.putArray("required").add("topics");
        condition.putObject("properties").set("topics", topics);
        return condition;
    }

    private static ObjectNode consumerForbidden() {
        ObjectNode otherwise = F.objectNode();
        otherwise.putObject("properties").putObject("consumer").putObject("not")
                .put("description", CONSUMER_NEEDS_SUBSCRIPTIONS);
        return otherwise;
    }

    private static ObjectNode exclusiveBreakerForms() {
        ObjectNode not = F.objectNode().put("description", EXCLUSIVE_BREAKER_FORMS).put("type", "object");
        ArrayNode anyOf = not.putArray("anyOf");
        for (String other : List.of("failure_rate_threshold", "sliding_window_size", "minimum_calls")) {
            anyOf.addObject().putArray("required").add("failure_threshold").add(other);
        }
        return not;
    }

    private static ObjectNode definitions() {
        ObjectNode defs = F.objectNode();
        defs.putObject("envRef").put("type", "string")
                .put("pattern", "\\$\\{env:[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}")
                .put("description", "A value given by an environment variable, resolved when the contract is "
                        + "loaded.");
        ObjectNode duration = orEnvRef(string("0*[1-9][0-9]*(ms|s|m|h)"));
        duration.put("description", "A positive duration: <int>ms, <int>s, <int>m or <int>h.");
        defs.set("duration", duration);
        ObjectNode second = orEnvRef(string("(0*[1-9][0-9]*(s|m|h)|0*[1-9][0-9]{3,}ms)"));
        second.put("description", "A duration of at least 1s.");
        defs.set("durationOfASecondOrMore", second);
        return defs;
    }

    private static String print(ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
