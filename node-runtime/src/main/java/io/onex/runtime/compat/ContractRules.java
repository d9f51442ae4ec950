package io.onex.runtime.compat;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What breaks between two versions of one node's contract: topics it no longer publishes or subscribes, a topic's
 * payload type replaced, output fields removed or retyped, its request topic, consumer group or node type changed;
 * payload schemas compared field by field by {@link PayloadSchemaRules}.
 */
final class ContractRules {

    private final SchemaSource oldSchemas;
    private final SchemaSource newSchemas;
    private int schemasCompared;

    ContractRules(SchemaSource oldSchemas, SchemaSource newSchemas) {
        this.oldSchemas = oldSchemas;
        this.newSchemas = newSchemas;
    }

    int schemasCompared() {
        return schemasCompared;
    }

    List<Change> compare(NodeContract oldContract, YamlDocument oldDoc, NodeContract newContract, YamlDocument newDoc) {
        List<Change> changes = new ArrayList<>();
        String node = "node '" + newContract.name() + "'";
        if (oldContract.nodeType() != newContract.nodeType()) {
            changes.add(Change.breaking(newDoc.file(), newDoc.markOf("node_type"), "node_type",
                    node + " changed type from " + oldContract.nodeType().wireName() + " to "
                            + newContract.nodeType().wireName() + "; workflows and callers expecting a "
                            + oldContract.nodeType().wireName() + " are refused"));
        }
        compareTopics("topics.publish", oldContract.topics().publish(), newContract.topics().publish(), newDoc,
                changes, "is no longer published; its consumers would wait for events that never come",
                "is now also published");
        compareTopics("topics.subscribe", oldContract.topics().subscribe(), newContract.topics().subscribe(), newDoc,
                changes, "is no longer subscribed; the events its producers send would not be consumed",
                "is now also subscribed");
        comparePayloadTypes(oldContract, newContract, newDoc, changes);
        compareOutputs(oldContract, newContract, newDoc, changes);
        if (!oldContract.requestTopic().equals(newContract.requestTopic())) {
            changes.add(Change.breaking(newDoc.file(), newDoc.markOf("remote.request_topic"), "remote.request_topic",
                    node + " takes call requests on " + describe(newContract.requestTopic()) + " instead of "
                            + describe(oldContract.requestTopic()) + "; callers still send to the old topic"));
        }
        String oldGroup = oldContract.consumer().map(c -> c.groupId()).orElse(null);
        String newGroup = newContract.consumer().map(c -> c.groupId()).orElse(null);
        if (oldGroup != null && newGroup != null && !oldGroup.equals(newGroup)) {
            changes.add(Change.breaking(newDoc.file(), newDoc.markOf("consumer.group_id"), "consumer.group_id",
                    node + " consumes as group '" + newGroup + "' instead of '" + oldGroup + "'; the committed offsets "
                            + "stay with the old group, so the new one starts over from auto_offset_reset"));
        }
        VersionRule.check(node, oldContract.version().toString(), newContract.version().toString(), newDoc,
                changes.stream().filter(Change::isBreaking).toList()).ifPresent(changes::add);
        return changes;
    }

    private static void compareTopics(String field, List<String> oldTopics, List<String> newTopics, YamlDocument newDoc,
            List<Change> changes, String removedMeans, String addedMeans) {
        Set<String> removed = new LinkedHashSet<>(oldTopics);
        removed.removeAll(newTopics);
        Set<String> added = new LinkedHashSet<>(newTopics);
        added.removeAll(oldTopics);
        for (String topic : removed) {
            String renamed = removed.size() == 1 && added.size() == 1
                    ? " (renamed to '" + added.iterator().next() + "'?)" : "";
            changes.add(Change.breaking(newDoc.file(), newDoc.markOf(field), field,
                    "topic '" + topic + "' " + removedMeans + renamed));
        }
        for (String topic : added) {
            changes.add(Change.compatible(newDoc.file(), newDoc.markOfItem(field, topic), field,
                    "topic '" + topic + "' " + addedMeans));
        }
    }

    private void comparePayloadTypes(NodeContract oldContract, NodeContract newContract, YamlDocument newDoc,
            List<Change> changes) {
        for (String topic : newContract.topicSettings().keySet()) {
            Optional<String> oldSchema = Optional.ofNullable(oldContract.topicSettings().get(topic))
                    .flatMap(TopicSettings::payloadSchema);
            Optional<String> newSchema = newContract.topicSettings().get(topic).payloadSchema();
            if (newSchema.isEmpty()) {
                continue;
            }
            String field = "topic_settings." + topic + ".payload_schema";
            boolean subscribed = newContract.topics().subscribe().contains(topic);
            if (oldSchema.isEmpty()) {
                if (subscribed && oldContract.topics().subscribe().contains(topic)) {
                    changes.add(Change.breaking(newDoc.file(), newDoc.markOf(field), field, "payloads of subscribed "
                            + "topic '" + topic + "' are now checked against " + newSchema.get()
                            + "; events its producers send today may be dead-lettered"));
                }
                continue;
            }
            if (!oldSchema.get().equals(newSchema.get())) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf(field), field, "the payload type of "
                        + (subscribed ? "subscribed " : "") + "topic '" + topic + "' changed from " + oldSchema.get()
                        + " to " + newSchema.get() + "; a new type needs a new topic (raise the topic's version)"));
            }
            Optional<YamlDocument> before = oldSchemas.find(oldSchema.get());
            Optional<YamlDocument> after = newSchemas.find(newSchema.get());
            if (before.isPresent() && after.isPresent()) {
                schemasCompared++;
                changes.addAll(PayloadSchemaRules.compare(topic, before.get(), after.get()));
            }
        }
    }

    private static void compareOutputs(NodeContract oldContract, NodeContract newContract, YamlDocument newDoc,
            List<Change> changes) {
        if (!oldContract.declaresOutputs() || !newContract.declaresOutputs()) {
            return;
        }
        oldContract.outputs().forEach((name, type) -> {
            String now = newContract.outputs().get(name);
            if (now == null) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf("outputs"), "outputs", "output field '"
                        + name + "' was removed; workflows reading ${<step>." + name + "} would be refused"));
            } else if (!now.equals(type) && !now.equals("any")) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf("outputs." + name), "outputs." + name,
                        "output field '" + name + "' changed type from " + type + " to " + now));
            }
        });
        newContract.outputs().keySet().stream().filter(name -> !oldContract.outputs().containsKey(name))
                .forEach(name -> changes.add(Change.compatible(newDoc.file(), newDoc.markOf("outputs." + name),
                        "outputs." + name, "output field '" + name + "' was added")));
    }

    private static String describe(Optional<String> requestTopic) {
        return requestTopic.map(t -> "'" + t + "'").orElse("the default request topic");
    }
}
