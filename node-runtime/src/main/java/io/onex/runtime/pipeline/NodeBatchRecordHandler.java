package io.onex.runtime.pipeline;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.BatchRecordHandler;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands the records a consumer loop handed out together to a batch node's {@link NodeInvoker}, in batches of at
 * most {@code batchSize}, one pipeline pass each ({@link NodeBatchCall}).
 *
 * <p>As {@link NodeRecordHandler} does for one record: a record whose bytes are no ONEX envelope, or whose payload
 * does not satisfy its topic's schema, is dead-lettered alone, as it came, and never reaches the node; the node gets
 * the others (whole envelopes when its input type is {@link EventEnvelope}, else their payloads). Each record is
 * done when the node said so or when it was dead-lettered; it is not done (delivered again) when the breaker is
 * open, the downstream is unavailable or its dead-letter write failed.
 */
public final class NodeBatchRecordHandler implements BatchRecordHandler {

    private final NodeInvoker invoker;
    private final EnvelopeCodec codec;
    private final DeadLetterRouter router;
    private final String nodeId;
    private final PayloadSchemas payloadSchemas;
    private final int batchSize;
    private final boolean wholeEnvelopes;

    /**
     * @param invoker the pipeline of a batch node ({@link NodeInvoker#takesBatches()})
     * @param codec decodes record values
     * @param router where undecodable records go
     * @param nodeId the node instance id (written into dead-letter records)
     * @param payloadSchemas the schemas per full topic name
     * @param batchSize the most records per batch call (the contract's {@code consumer.batch_size})
     */
    public NodeBatchRecordHandler(NodeInvoker invoker, EnvelopeCodec codec, DeadLetterRouter router, String nodeId,
            PayloadSchemas payloadSchemas, int batchSize) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        if (!invoker.takesBatches()) {
            throw new IllegalArgumentException("node " + invoker.contract().name() + " is no BatchEffectNode");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
        }
        this.codec = Objects.requireNonNull(codec, "codec");
        this.router = Objects.requireNonNull(router, "router");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.payloadSchemas = Objects.requireNonNull(payloadSchemas, "payloadSchemas");
        this.batchSize = batchSize;
        this.wholeEnvelopes = EventEnvelope.class.isAssignableFrom(invoker.inputType());
    }

    @Override
    public List<CompletionStage<RecordOutcome>> handle(List<ConsumerRecord<byte[], byte[]>> records) {
        List<CompletionStage<RecordOutcome>> outcomes = new ArrayList<>(records.size());
        List<NodeBatchCall.Item> batch = new ArrayList<>(Math.min(batchSize, records.size()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Context trace = TraceHeaders.extract(record.headers());
            Decoded decoded = decode(record, trace);
            if (decoded.deadLettered() != null) {
                outcomes.add(decoded.deadLettered());
                continue;
            }
            EventEnvelope envelope = decoded.envelope();
            CompletableFuture<RecordOutcome> outcome = new CompletableFuture<>();
            batch.add(new NodeBatchCall.Item(wholeEnvelopes ? envelope : envelope.payload(), envelope,
                    RecordOrigin.of(record), trace, outcome));
            outcomes.add(outcome);
            if (batch.size() == batchSize) {
                invoke(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            invoke(batch);
        }
        return outcomes;
    }

    /** A record's envelope for the node, or, when the node must not see it, its dead-lettering. */
    private record Decoded(EventEnvelope envelope, CompletionStage<RecordOutcome> deadLettered) {
    }

    private Decoded decode(ConsumerRecord<byte[], byte[]> record, Context trace) {
        try (var ignored = trace.makeCurrent()) { // a dead letter joins its record's trace
            EventEnvelope envelope;
            try {
                envelope = codec.decode(record.value());
            } catch (InvalidInputException bad) {
                return new Decoded(null, NodeRecordHandler.deadLetterUnprocessable(router, nodeId, record, null, bad,
                        NodeRecordHandler.headerText(record, "correlation_id")));
            }
            Optional<String> invalidPayload = payloadSchemas.problem(record.topic(), envelope.payload());
            if (invalidPayload.isPresent()) {
                return new Decoded(null, NodeRecordHandler.deadLetterUnprocessable(router, nodeId, record, envelope,
                        new InvalidInputException(invalidPayload.get()), envelope.correlationId()));
            }
            return new Decoded(envelope, null);
        }
    }

    private void invoke(List<NodeBatchCall.Item> batch) {
        try {
            invoker.invokeBatch(batch);
        } catch (RuntimeException e) {
            batch.forEach(item -> item.outcome().completeExceptionally(e));
        }
    }
}
