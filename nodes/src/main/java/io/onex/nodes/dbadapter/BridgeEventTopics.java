package io.onex.nodes.dbadapter;

import io.onex.api.bridge.BridgeEventTypes;

/** Which bridge topic (ONEX reference) each event type the adapter persists is published on. */
final class BridgeEventTopics {

    private BridgeEventTopics() {
    }

    /** The topic (ONEX reference) each producer writes an event type to, from {@link BridgeEventTypes}' table. */
    static String topicOf(String eventType) {
        return BridgeEventTypes.rowOfType(eventType).map(BridgeEventTypes.Row::topic)
                .orElseThrow(() -> new IllegalArgumentException("no topic for " + eventType));
    }

}
