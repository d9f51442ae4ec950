package io.onex.runtime.remote;

import io.onex.api.contract.NodeContract;
import java.util.Locale;

/**
 * The default topic names of remote calls, in the ONEX shape (before the runtime's {@code {env}.{tenant}.} prefix):
 * a node's request topic {@code onex.cmd.<node-name>-requested.v1}, consumed by the node's consumer group so its
 * instances share the requests; a caller runtime's reply topic {@code onex.evt.<runtime-id>-replies.v1}, read by that
 * runtime alone. A contract may name its request topic explicitly ({@code remote.request_topic}).
 */
public final class RemoteTopics {

    private RemoteTopics() {
    }

    /** The default request topic of a node: {@code onex.cmd.<node-name>-requested.v1}, underscores as hyphens. */
    public static String requestTopic(String nodeName) {
        return "onex.cmd." + kebab(nodeName) + "-requested.v1";
    }

    /** A node's request topic: its contract's {@code remote.request_topic}, else {@link #requestTopic(String)}. */
    public static String requestTopic(NodeContract contract) {
        return contract.requestTopic().orElseGet(() -> requestTopic(contract.name()));
    }

    /** Where the instances of a network's nodes share their replies ({@code ONEX_REMOTE_REPLY_STORE=topic}). */
    public static final String SHARED_REPLIES = "onex.evt.node-call-replies.v1";

    /** The reply topic of a caller runtime: {@code onex.evt.<runtime-id>-replies.v1}. */
    public static String replyTopic(String runtimeId) {
        return "onex.evt." + kebab(runtimeId) + "-replies.v1";
    }

    private static String kebab(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
