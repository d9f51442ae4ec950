package io.onex.api.contract;

import java.util.Locale;

/** The four ONEX node kinds. Written lower-case on the wire and in contracts. */
public enum NodeType {
    EFFECT, COMPUTE, REDUCER, ORCHESTRATOR;

    /** The wire form: {@code effect}, {@code compute}, {@code reducer}, {@code orchestrator}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @param text the lower-case name
     * @return the node type
     * @throws IllegalArgumentException when the text is none of the four
     */
    public static NodeType fromWire(String text) {
        for (NodeType t : values()) {
            if (t.wireName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("node type must be one of effect, compute, reducer, orchestrator, but was '" + text + "'");
    }
}
