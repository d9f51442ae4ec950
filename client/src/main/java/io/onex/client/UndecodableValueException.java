package io.onex.client;

import io.onex.api.InvalidInputException;

/**
 * A record's bytes do not decode as its topic's type. Not retryable: the record goes to the dead-letter topic, its
 * error naming the type ({@code value of plans.v1 does not decode as protobuf message io.onex.Plan: ...}).
 */
public final class UndecodableValueException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic the record's topic
     * @param type what it should have decoded to
     * @param reason why it did not
     * @param cause the decoder's exception, or null
     */
    public UndecodableValueException(String topic, TopicType type, String reason, Throwable cause) {
        super("value of " + topic + " does not decode as " + type.describe() + ": " + reason, cause);
    }
}
