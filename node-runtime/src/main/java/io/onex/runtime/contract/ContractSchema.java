package io.onex.runtime.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.yaml.YamlNode;
import io.onex.runtime.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates contract files against the published JSON Schema ({@value #RESOURCE}, written from
 * {@link ContractTable#jsonSchema()}), the one editors use for
 * completion and squiggles. Problems are located best effort: the instance path of each schema error is mapped back
 * to the line and column of the YAML key.
 *
 * <p>The schema says what JSON Schema can say (keys, types, enums, ranges, the exclusive circuit-breaker forms,
 * consumer only with subscriptions); {@link ContractLoader} stays the authority and checks the rest (ONEX topic
 * segments, relations between durations, unique names, environment references). Files are checked as written:
 * {@code ${env:...}} references are accepted where a value is expected, not substituted.
 */
public final class ContractSchema {

    /** Classpath location of the schema. */
    public static final String RESOURCE = "/io/onex/runtime/contract/onex-contract.schema.json";

    private static final String ENV_REF = "/$defs/envRef";

    private final JsonSchema schema;

    /** Loads the schema from the classpath. */
    public ContractSchema() {
        try (InputStream in = ContractSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " is missing from the classpath");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The schema text, for tools that publish it (e.g. a CLI command writing it next to the contracts). */
    public static String schemaText() {
        try (InputStream in = ContractSchema.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Validates a file.
     *
     * @param file the file, named in problems as given
     * @return the problems, in line order; empty when the file conforms
     */
    public List<FileProblem> validate(Path file) {
        try {
            return validate(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            return List.of(new FileProblem(file, 0, 0, "", "cannot read the file: " + e));
        }
    }

    /**
     * Validates contract text.
     *
     * @param yaml the contract
     * @param sourceName the name used in problems
     * @return the problems, in line order; empty when the text conforms
     */
    public List<FileProblem> validate(String yaml, Path sourceName) {
        List<FileProblem> problems = new ArrayList<>();
        Optional<YamlNode> root = new YamlTreeReader(sourceName, problems).read(yaml);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new FileProblem(sourceName, 1, 1, "", "the file is empty, expected a contract"));
            }
            return problems;
        }
        Map<String, YamlNode.Mark> marks = new HashMap<>();
        JsonNode json = toJson(root.get(), "", root.get().mark(), marks);
        for (ValidationMessage m : schema.validate(json)) {
            if (m.getSchemaLocation().toString().contains(ENV_REF)) {
                // the other branch of "a value, or an ${env:...} reference" says what was expected
                continue;
            }
            String parent = field(m.getInstanceLocation());
            String field = parent;
            YamlNode.Mark at = marks.getOrDefault(parent, YamlNode.Mark.START);
            if (m.getProperty() != null && ("additionalProperties".equals(m.getType())
                    || "required".equals(m.getType()))) {
                field = parent.isEmpty() ? m.getProperty() : parent + "." + m.getProperty();
                at = marks.getOrDefault(field, at);
            }
            problems.add(new FileProblem(sourceName, at.line(), at.column(), field, text(m)));
        }
        problems.sort(Comparator.comparingInt(FileProblem::line).thenComparingInt(FileProblem::column)
                .thenComparing(FileProblem::message));
        return problems;
    }

    /** The validator's message without its leading instance path, which the problem already names. */
    private static String text(ValidationMessage m) {
        JsonNode description = m.getSchemaNode() == null ? null : m.getSchemaNode().get("description");
        if ("not".equals(m.getType()) && description != null && description.isTextual()) {
            return description.asText();
        }
        String message = m.getMessage();
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static String field(JsonNodePath path) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            if (e instanceof Integer index) {
                s.append('[').append(index).append(']');
            } else {
                s.append(s.length() == 0 ? "" : ".").append(e);
            }
        }
        return s.toString();
    }

    /** Converts the tree, recording where each field path is written (keys for entries, items for list items). */
    private static JsonNode toJson(YamlNode node, String field, YamlNode.Mark at, Map<String, YamlNode.Mark> marks) {
        marks.put(field, at);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof YamlNode.Mapping m) {
            ObjectNode o = f.objectNode();
            for (YamlNode.Entry e : m.entries()) {
                String child = field.isEmpty() ? e.key() : field + "." + e.key();
                o.set(e.key(), toJson(e.value(), child, e.keyMark(), marks));
            }
            return o;
        }
        if (node instanceof YamlNode.Sequence s) {
            ArrayNode a = f.arrayNode();
            for (int i = 0; i < s.items().size(); i++) {
                YamlNode item = s.items().get(i);
                a.add(toJson(item, field + "[" + i + "]", item.mark(), marks));
            }
            return a;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        try {
            return switch (s.kind()) {
                case INT -> f.numberNode(new BigInteger(s.text().replace("_", "").replace("+", "")));
                case FLOAT -> f.numberNode(new BigDecimal(s.text()));
                case BOOL -> f.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case NULL -> f.nullNode();
                case STRING -> f.textNode(s.text());
            };
        } catch (NumberFormatException e) {
            // hex/octal/infinity literals: validate as the text the user wrote
            return f.textNode(s.text());
        }
    }
}
