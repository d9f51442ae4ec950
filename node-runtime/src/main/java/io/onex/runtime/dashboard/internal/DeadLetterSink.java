package io.onex.runtime.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.runtime.dashboard.DeadLetterBoard;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.RecordDecoder;
import io.onex.runtime.ops.RecordView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes each record of a dead-letter topic as {@code onex tail} does ({@link RecordDecoder}) and adds it to the
 * board under its original topic and error type, read from the {@code onex.dlq.*} headers, else from the dead
 * letter's JSON value (WIRE.md, "Dead-letter records").
 */
public final class DeadLetterSink implements Consumer<ConsumerRecord<byte[], byte[]>> {

    private final RecordDecoder decoder;
    private final EnvelopeCodec codec;
    private final DeadLetterBoard board;

    public DeadLetterSink(EnvelopeCodec codec, DeadLetterBoard board) {
        this.decoder = new RecordDecoder(codec);
        this.codec = codec;
        this.board = board;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        RecordView view = decoder.decode(record);
        String originalTopic = header(record, DeadLetterHeaders.ORIGINAL_TOPIC);
        String errorType = header(record, DeadLetterHeaders.EXCEPTION_CLASS);
        if (originalTopic == null || errorType == null) {
            JsonNode value = json(record.value());
            originalTopic = originalTopic != null ? originalTopic : value.path("original_topic").asText("");
            errorType = errorType != null ? errorType : value.path("error").path("type").asText("");
        }
        board.accept(view, originalTopic, errorType);
    }

    private JsonNode json(byte[] value) {
        try {
            return value == null ? codec.mapper().missingNode() : codec.mapper().readTree(value);
        } catch (IOException notJson) {
            return codec.mapper().missingNode();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
