package io.onex.api.contract;

import java.util.List;

/**
 * The topics a node subscribes to and publishes to, as written in the contract (full names or ONEX references).
 *
 * @param subscribe topics consumed; empty for nodes that only publish
 * @param publish topics published
 */
public record TopicsSpec(List<String> subscribe, List<String> publish) {
    public TopicsSpec {
        subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
        publish = publish == null ? List.of() : List.copyOf(publish);
    }

    /** No topics. */
    public static TopicsSpec none() {
        return new TopicsSpec(List.of(), List.of());
    }
}
