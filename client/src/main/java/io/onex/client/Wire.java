package io.onex.client;

/** How a topic's record values are written. */
public enum Wire {
    /** The ONEX envelope (UTF-8 JSON, WIRE.md) with the value as its {@code payload}: what nodes read and write. */
    ONEX_JSON("application/json"),
    /** The value's JSON alone, no envelope: for topics outside ONEX. */
    RAW_JSON("application/json"),
    /** The protobuf message's bytes ({@code SerializeToString()} in Python), no envelope. */
    PROTOBUF("application/x-protobuf");

    private final String contentType;

    Wire(String contentType) {
        this.contentType = contentType;
    }

    /** The {@code content-type} header written with each record. */
    public String contentType() {
        return contentType;
    }
}
