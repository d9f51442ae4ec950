package io.onex.runtime.pipeline;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeExecutionException;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.resilience.RootCause;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Hands consumed records to a node's {@link NodeInvoker}.
 *
 * <p>A record whose bytes are not an ONEX envelope is written to {@code <topic>.dlq} with its raw value
 * ({@code original_value_base64}) and is done. Otherwise the node gets the envelope (when its input type is
 * {@link EventEnvelope}) or the envelope's payload, under the envelope's correlation id, with the envelope's event
 * id as causation id. The record is done when the call succeeded ({@link RecordOutcome#PROCESSED}) or was
 * dead-lettered ({@link RecordOutcome#DEAD_LETTERED}); a record whose payload does not satisfy its topic's
 * {@link PayloadSchemas schema} is dead-lettered as it came, without calling the node; any other failure (breaker open without dead-lettering, a
 * failed dead-letter write, a final failure with dead-lettering disabled) leaves it not done, for redelivery.
 */
public final class NodeRecordHandler implements RecordHandler {

    private final NodeInvoker invoker;
    private final EnvelopeCodec codec;
    private final DeadLetterRouter router;
    private final String nodeId;
    private final PayloadSchemas payloadSchemas;

    /**
     * @param invoker the node's invoker
     * @param codec decodes record values
     * @param router where undecodable records go
     * @param nodeId the node instance id (written into dead-letter records)
     */
    public NodeRecordHandler(NodeInvoker invoker, EnvelopeCodec codec, DeadLetterRouter router, String nodeId) {
        this(invoker, codec, router, nodeId, PayloadSchemas.none());
    }

    /**
     * As {@link #NodeRecordHandler(NodeInvoker, EnvelopeCodec, DeadLetterRouter, String)}, dead-lettering payloads
     * that do not satisfy their topic's schema.
     *
     * @param payloadSchemas the schemas per full topic name
     */
    public NodeRecordHandler(NodeInvoker invoker, EnvelopeCodec codec, DeadLetterRouter router, String nodeId,
            PayloadSchemas payloadSchemas) {
        this.payloadSchemas = Objects.requireNonNull(payloadSchemas, "payloadSchemas");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.router = Objects.requireNonNull(router, "router");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    @Override
    public CompletionStage<RecordOutcome> handle(ConsumerRecord<byte[], byte[]> record) {
        // the record's trace context is the parent of the node call and of any dead letter written for it
        try (Scope ignored = TraceHeaders.extract(record.headers()).makeCurrent()) {
            return handleInTrace(record);
        }
    }

    private CompletionStage<RecordOutcome> handleInTrace(ConsumerRecord<byte[], byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (InvalidInputException bad) {
            return deadLetterUnprocessable(router, nodeId, record, null, bad, headerText(record, "correlation_id"));
        }
        Optional<String> invalidPayload = payloadSchemas.problem(record.topic(), envelope.payload());
        if (invalidPayload.isPresent()) {
            return deadLetterUnprocessable(router, nodeId, record, envelope,
                    new InvalidInputException(invalidPayload.get()), envelope.correlationId());
        }
        Object input = EventEnvelope.class.isAssignableFrom(invoker.inputType()) ? envelope : envelope.payload();
        CallOptions options = CallOptions.builder()
                .correlationId(envelope.correlationId())
                .causationId(envelope.eventId())
                .trigger(envelope)
                .origin(RecordOrigin.of(record))
                .build();
        return invokeForRecord(invoker, input, options);
    }

    /**
     * Calls the invoker for one consumed record and says what became of the record: {@code PROCESSED} when the call
     * succeeded, {@code DEAD_LETTERED} when it failed for good and went to the DLQ; a stage failed with the cause when
     * the record is not done (it is delivered again). Every consumer of records through a pipeline (nodes, the client's
     * subscriptions) decides this the same way.
     *
     * @param invoker the pipeline
     * @param input the call's input
     * @param options the call's options, with the record's origin
     * @return the record's outcome
     */
    public static CompletionStage<RecordOutcome> invokeForRecord(NodeInvoker invoker, Object input,
            CallOptions options) {
        CompletionStage<Object> call;
        try {
            call = invoker.invoke(input, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.handle((value, error) -> {
            if (error == null) {
                return RecordOutcome.PROCESSED;
            }
            Throwable cause = RootCause.of(error);
            if (cause instanceof NodeExecutionException nee && nee.deadLettered()) {
                return RecordOutcome.DEAD_LETTERED;
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        });
    }

    /** Dead-letters a record the node never sees: its bytes are no envelope, or its payload fails its schema. */
    static CompletionStage<RecordOutcome> deadLetterUnprocessable(DeadLetterRouter router, String nodeId,
            ConsumerRecord<byte[], byte[]> record, EventEnvelope envelope, InvalidInputException bad,
            String correlationId) {
        DeadLetter letter = DeadLetter.builder(RecordOrigin.of(record), bad)
                .originalEnvelope(envelope)
                .retryCount(0)
                .nodeId(nodeId)
                .correlationId(correlationId)
                .build();
        try {
            return router.route(letter).thenApply(receipt -> RecordOutcome.DEAD_LETTERED);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The publisher writes the correlation id as a header too, so it survives a value that does not parse. */
    static String headerText(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
