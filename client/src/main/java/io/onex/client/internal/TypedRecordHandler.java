package io.onex.client.internal;

import io.onex.api.EventEnvelope;
import io.onex.client.ConsumedMessage;
import io.onex.client.TopicCodec;
import io.onex.client.TopicTypes;
import io.onex.client.UndecodableValueException;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.pipeline.NodeRecordHandler;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decodes each consumed record by its topic's type and hands it to the subscriber's pipeline ({@link NodeInvoker}).
 * A record that does not decode goes to {@code <topic>.dlq} with an error naming the type, without reaching the
 * handler. Done (committable) when handled or dead-lettered; not done when the pipeline neither handled nor
 * dead-lettered it (breaker open, a failed dead-letter write), so the consumer loop redelivers it.
 */
public final class TypedRecordHandler implements RecordHandler {

    private final TopicTypes types;
    private final TopicCodec codec;
    private final NodeInvoker invoker;
    private final DeadLetterRouter router;

    public TypedRecordHandler(TopicTypes types, TopicCodec codec, NodeInvoker invoker, DeadLetterRouter router) {
        this.types = Objects.requireNonNull(types, "types");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public CompletionStage<RecordOutcome> handle(ConsumerRecord<byte[], byte[]> record) {
        // the record's W3C trace context is the parent of the handler's call and of its dead letter, as for nodes
        try (Scope ignored = TraceHeaders.extract(record.headers()).makeCurrent()) {
            return handleInTrace(record);
        }
    }

    private CompletionStage<RecordOutcome> handleInTrace(ConsumerRecord<byte[], byte[]> record) {
        TopicCodec.Decoded decoded;
        try {
            decoded = codec.decode(record.topic(), types.typeOf(record.topic()), record.value());
        } catch (UndecodableValueException e) {
            return deadLetter(record, e);
        }
        EventEnvelope envelope = decoded.envelope();
        ConsumedMessage message = new ConsumedMessage(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), decoded.value(),
                envelope);
        CallOptions.Builder options = CallOptions.builder().origin(RecordOrigin.of(record));
        if (envelope != null) {
            options.correlationId(envelope.correlationId()).causationId(envelope.eventId()).trigger(envelope);
        } else if (headerText(record) != null) {
            options.correlationId(headerText(record));
        }
        return NodeRecordHandler.invokeForRecord(invoker, message, options.build());
    }

    private CompletionStage<RecordOutcome> deadLetter(ConsumerRecord<byte[], byte[]> record,
            UndecodableValueException e) {
        DeadLetter letter = DeadLetter.builder(RecordOrigin.of(record), e)
                .retryCount(0)
                .nodeId(invoker.nodeId())
                .correlationId(headerText(record))
                .build();
        try {
            return router.route(letter).thenApply(receipt -> RecordOutcome.DEAD_LETTERED);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static String headerText(ConsumerRecord<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(KafkaEventPublisher.HEADER_CORRELATION_ID);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
