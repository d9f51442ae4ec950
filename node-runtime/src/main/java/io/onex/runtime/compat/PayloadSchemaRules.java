package io.onex.runtime.compat;

import io.onex.runtime.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two JSON Schemas of one topic's payload as Schema Registry's BACKWARD mode does: the new schema must take
 * every payload the old one took, because events written before the change are still on the topic and producers
 * still on the old version keep writing them. Breaking: a field newly required, a field's type narrowed, an enum
 * that lost values, a string or number bound tightened, additional fields refused, a field removed where additional
 * fields are refused. Nested objects and array items are compared the same way.
 */
final class PayloadSchemaRules {

    private PayloadSchemaRules() {
    }

    static List<Change> compare(String topic, YamlDocument oldSchema, YamlDocument newSchema) {
        List<Change> changes = new ArrayList<>();
        new Walk(topic, newSchema, changes).object("$", "", oldSchema.root(), newSchema.root());
        return changes;
    }

    private record Walk(String topic, YamlDocument doc, List<Change> changes) {

        /** @param keyPath the dotted key path of the schema node in the new file, for locating changes */
        void object(String field, String keyPath, YamlNode oldNode, YamlNode newNode) {
            types(field, keyPath, oldNode, newNode);
            enums(field, keyPath, oldNode, newNode);
            bounds(field, keyPath, oldNode, newNode);
            Set<String> oldRequired = strings(oldNode, "required");
            for (String name : strings(newNode, "required")) {
                if (!oldRequired.contains(name)) {
                    changes.add(Change.breaking(doc.file(), markOfRequired(keyPath, name), path(keyPath, "required"),
                            "payload field " + child(field, name) + " of topic '" + topic + "' is now required; "
                                    + "events written without it are refused"));
                }
            }
            boolean closedBefore = closed(oldNode);
            boolean closedNow = closed(newNode);
            if (closedNow && !closedBefore) {
                changes.add(Change.breaking(doc.file(), doc.markOf(path(keyPath, "additionalProperties")),
                        path(keyPath, "additionalProperties"), "payload object " + field + " of topic '" + topic
                                + "' now refuses fields it does not declare; events carrying them are refused"));
            }
            Optional<YamlNode.Mapping> oldProps = mapping(oldNode, "properties");
            Optional<YamlNode.Mapping> newProps = mapping(newNode, "properties");
            if (oldProps.isPresent()) {
                for (YamlNode.Entry e : oldProps.get().entries()) {
                    Optional<YamlNode.Entry> now = newProps.flatMap(m -> m.get(e.key()));
                    String childKeys = path(keyPath, "properties." + e.key());
                    if (now.isPresent()) {
                        object(child(field, e.key()), childKeys, e.value(), now.get().value());
                    } else if (closedNow) {
                        changes.add(Change.breaking(doc.file(), doc.markOf(path(keyPath, "properties")),
                                path(keyPath, "properties"), "payload field " + child(field, e.key()) + " of topic '"
                                        + topic + "' was removed while undeclared fields are refused; events "
                                        + "carrying it are refused"));
                    } else {
                        changes.add(Change.compatible(doc.file(), doc.markOf(path(keyPath, "properties")),
                                path(keyPath, "properties"), "payload field " + child(field, e.key()) + " of topic '"
                                        + topic + "' is no longer declared"));
                    }
                }
            }
            if (newProps.isPresent()) {
                for (YamlNode.Entry e : newProps.get().entries()) {
                    if (oldProps.flatMap(m -> m.get(e.key())).isEmpty() && !strings(newNode, "required").contains(e.key())) {
                        changes.add(Change.compatible(doc.file(), e.keyMark(), path(keyPath, "properties." + e.key()),
                                "optional payload field " + child(field, e.key()) + " of topic '" + topic
                                        + "' was added"));
                    }
                }
            }
            Optional<YamlNode.Entry> oldItems = YamlDocument.entry(oldNode, "items");
            Optional<YamlNode.Entry> newItems = YamlDocument.entry(newNode, "items");
            if (oldItems.isPresent() && newItems.isPresent()) {
                object(field + "[]", path(keyPath, "items"), oldItems.get().value(), newItems.get().value());
            }
        }

        private void types(String field, String keyPath, YamlNode oldNode, YamlNode newNode) {
            Set<String> before = strings(oldNode, "type");
            Set<String> after = strings(newNode, "type");
            if (before.isEmpty() || after.isEmpty()) {
                if (!before.equals(after) && !after.isEmpty()) {
                    changes.add(Change.breaking(doc.file(), doc.markOf(path(keyPath, "type")), path(keyPath, "type"),
                            "payload field " + field + " of topic '" + topic + "' now must be " + String.join(" or ", after)
                                    + "; it took any type before"));
                }
                return;
            }
            Set<String> lost = new LinkedHashSet<>(before);
            lost.removeAll(after);
            if (after.contains("number")) {
                lost.remove("integer");   // every integer is a number: widening
            }
            if (!lost.isEmpty()) {
                changes.add(Change.breaking(doc.file(), doc.markOf(path(keyPath, "type")), path(keyPath, "type"),
                        "payload field " + field + " of topic '" + topic + "' changed type from "
                                + String.join(" or ", before) + " to " + String.join(" or ", after)
                                + "; events written with a " + String.join(" or ", lost) + " are refused"));
            }
        }

        private void enums(String field, String keyPath, YamlNode oldNode, YamlNode newNode) {
            Optional<YamlNode.Entry> newEnum = YamlDocument.entry(newNode, "enum");
            if (newEnum.isEmpty()) {
                return;
            }
            Set<String> after = strings(newNode, "enum");
            Set<String> lost = new LinkedHashSet<>(strings(oldNode, "enum"));
            boolean hadEnum = YamlDocument.entry(oldNode, "enum").isPresent();
            lost.removeAll(after);
            Set<String> gained = new LinkedHashSet<>(after);
            gained.removeAll(strings(oldNode, "enum"));
            if (hadEnum && lost.isEmpty() && !gained.isEmpty()) {
                changes.add(Change.compatible(doc.file(), newEnum.get().keyMark(), path(keyPath, "enum"),
                        "payload field " + field + " of topic '" + topic + "' also takes " + String.join(", ", gained)));
            }
            if (!hadEnum || !lost.isEmpty()) {
                changes.add(Change.breaking(doc.file(), newEnum.get().keyMark(), path(keyPath, "enum"),
                        "payload field " + field + " of topic '" + topic + "' "
                                + (hadEnum ? "no longer takes " + String.join(", ", lost)
                                        : "now takes only " + String.join(", ", after))
                                + "; events written with other values are refused"));
            }
        }

        private void bounds(String field, String keyPath, YamlNode oldNode, YamlNode newNode) {
            for (String lower : List.of("minLength", "minimum", "exclusiveMinimum", "minItems")) {
                tightened(field, keyPath, lower, oldNode, newNode, true);
            }
            for (String upper : List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems")) {
                tightened(field, keyPath, upper, oldNode, newNode, false);
            }
        }

        private void tightened(String field, String keyPath, String key, YamlNode oldNode, YamlNode newNode,
                boolean lower) {
            Optional<Double> after = number(newNode, key);
            if (after.isEmpty()) {
                return;
            }
            Optional<Double> before = number(oldNode, key);
            boolean tighter = before.isEmpty() || (lower ? after.get() > before.get() : after.get() < before.get());
            if (tighter) {
                changes.add(Change.breaking(doc.file(), doc.markOf(path(keyPath, key)), path(keyPath, key),
                        "payload field " + field + " of topic '" + topic + "' has " + key + " "
                                + text(newNode, key) + (before.isPresent() ? " (was " + text(oldNode, key) + ")" : "")
                                + "; events written within the old bounds are refused"));
            }
        }

        private YamlNode.Mark markOfRequired(String keyPath, String name) {
            return doc.markOfItem(path(keyPath, "required"), name);
        }
    }

    private static boolean closed(YamlNode node) {
        return YamlDocument.entry(node, "additionalProperties")
                .map(e -> e.value() instanceof YamlNode.Scalar s && s.text().equals("false")).orElse(false);
    }

    private static Optional<YamlNode.Mapping> mapping(YamlNode node, String key) {
        return YamlDocument.entry(node, key).map(YamlNode.Entry::value)
                .filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast);
    }

    /** A scalar or a list of scalars, as texts. */
    private static Set<String> strings(YamlNode node, String key) {
        Set<String> out = new LinkedHashSet<>();
        YamlDocument.entry(node, key).map(YamlNode.Entry::value).ifPresent(v -> {
            if (v instanceof YamlNode.Scalar s) {
                out.add(s.text());
            } else if (v instanceof YamlNode.Sequence seq) {
                seq.items().stream().filter(YamlNode.Scalar.class::isInstance)
                        .forEach(i -> out.add(((YamlNode.Scalar) i).text()));
            }
        });
        return out;
    }

    private static Optional<Double> number(YamlNode node, String key) {
        try {
            return Optional.of(Double.parseDouble(text(node, key)));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String text(YamlNode node, String key) {
        return YamlDocument.entry(node, key).map(YamlNode.Entry::value).filter(YamlNode.Scalar.class::isInstance)
                .map(v -> ((YamlNode.Scalar) v).text()).orElse(null);
    }

    private static String path(String keyPath, String key) {
        return keyPath.isEmpty() ? key : keyPath + "." + key;
    }

    private static String child(String field, String name) {
        return field + "." + name;
    }
}
