package io.onex.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.onex.api.InvalidInputException;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The payload schemas of a runtime's topics, from its contracts' {@code topic_settings.<topic>.payload_schema}: a
 * topic with a schema takes only payloads that satisfy it, both ways. The publisher refuses an event whose payload
 * does not ({@link #check} throws an {@link InvalidInputException}, which is never retried); the record handler
 * dead-letters a consumed one with the same message. Topics without a schema are not checked.
 *
 * <p>The message names each field and the rule it breaks, e.g. {@code payload of dev.omninode_bridge.agents.evt
 * .agent-quality-gate.v1 does not match io/onex/nodes/agentlog/schema/agent-quality-gate.v1.json: $.status: does not
 * have a value in the enumeration ["passed", "failed", "skipped"] (rule enum)}.
 */
public final class PayloadSchemas {

    private static final PayloadSchemas NONE = new PayloadSchemas(Map.of(), new ObjectMapper());

    private final Map<String, Schema> byTopic;
    private final ObjectMapper mapper;

    private record Schema(String resource, JsonSchema schema) {
    }

    private PayloadSchemas(Map<String, Schema> byTopic, ObjectMapper mapper) {
        this.byTopic = Map.copyOf(byTopic);
        this.mapper = mapper;
    }

    /** No schemas: nothing is checked. */
    public static PayloadSchemas none() {
        return NONE;
    }

    /**
     * Loads the schemas the contracts declare.
     *
     * @param contracts the runtime's contracts
     * @param resolveTopic turns a contract's topic reference into the full topic name
     * @param mapper turns payloads into JSON trees
     * @param classLoader where the schema resources are
     * @return the schemas by full topic name
     * @throws IllegalArgumentException naming the contract, the topic and the resource, for every resource that is
     *     missing or no valid schema, and for a topic given two different schemas
     */
    public static PayloadSchemas load(Collection<NodeContract> contracts, Function<String, String> resolveTopic,
            ObjectMapper mapper, ClassLoader classLoader) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, Schema> byTopic = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (NodeContract c : contracts) {
            for (Map.Entry<String, TopicSettings> e : c.topicSettings().entrySet()) {
                Optional<String> resource = e.getValue().payloadSchema();
                if (resource.isEmpty()) {
                    continue;
                }
                String where = c.source().map(Object::toString).orElse(c.name()) + ": topic_settings." + e.getKey()
                        + ".payload_schema: ";
                String topic = resolveTopic.apply(e.getKey());
                Schema known = byTopic.get(topic);
                if (known != null) {
                    if (!known.resource().equals(resource.get())) {
                        problems.add(where + "topic " + topic + " has the schema " + known.resource()
                                + " in another contract, but this one says " + resource.get());
                    }
                    continue;
                }
                try (InputStream in = classLoader.getResourceAsStream(resource.get())) {
                    if (in == null) {
                        problems.add(where + "expected a JSON Schema on the classpath, but there is no resource "
                                + resource.get());
                        continue;
                    }
                    byTopic.put(topic, new Schema(resource.get(), factory.getSchema(in)));
                } catch (IOException | RuntimeException bad) {
                    problems.add(where + "cannot read " + resource.get() + " as a JSON Schema: " + bad.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " payload schema error(s): " + String.join("; ",
                    problems));
        }
        return byTopic.isEmpty() ? NONE : new PayloadSchemas(byTopic, mapper);
    }

    /** The schema resource of a topic, if it has one. */
    public Optional<String> resourceOf(String topic) {
        return Optional.ofNullable(byTopic.get(topic)).map(Schema::resource);
    }

    /**
     * What is wrong with a payload for a topic.
     *
     * @param topic the full topic name
     * @param payload the envelope's payload
     * @return empty when the topic has no schema or the payload satisfies it; else every field and the rule it breaks
     */
    public Optional<String> problem(String topic, Map<String, ?> payload) {
        Schema s = byTopic.get(topic);
        if (s == null) {
            return Optional.empty();
        }
        JsonNode tree = mapper.valueToTree(payload == null ? Map.of() : payload);
        List<ValidationMessage> messages = new ArrayList<>(s.schema().validate(tree));
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        List<String> parts = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            parts.add(m.getMessage() + " (rule " + m.getType() + ")");
        }
        return Optional.of("payload of " + topic + " does not match " + s.resource() + ": " + String.join("; ", parts));
    }

    /**
     * Refuses a payload that does not satisfy its topic's schema.
     *
     * @param topic the full topic name
     * @param payload the envelope's payload
     * @throws InvalidInputException (non-retryable) naming every field and the rule it breaks
     */
    public void check(String topic, Map<String, ?> payload) {
        Optional<String> problem = problem(topic, payload);
        if (problem.isPresent()) {
            throw new InvalidInputException(problem.get());
        }
    }

    /** Whether no topic has a schema. */
    public boolean isEmpty() {
        return byTopic.isEmpty();
    }

    @Override
    public String toString() {
        Map<String, String> resources = new LinkedHashMap<>();
        byTopic.forEach((t, s) -> resources.put(t, s.resource()));
        return "PayloadSchemas" + resources;
    }
}
