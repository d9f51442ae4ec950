package io.onex.runtime.introspection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.RecordOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the runtime's one consumer of {@code registry-request-introspection}: decodes each request and has every
 * node's {@link IntrospectionBroadcaster} answer it.
 *
 * <p>Every record completes {@link RecordOutcome#PROCESSED} once all answers have settled: a failed answer is
 * logged and counted by its broadcaster, and redelivering the request would only re-answer it after the registry
 * stopped waiting. An undecodable request is logged and counted in {@value #BAD_REQUESTS}; it is the registry's
 * record, not ours to dead-letter.
 */
public final class IntrospectionRequestHandler implements RecordHandler {

    /** Counter of requests that could not be decoded. */
    public static final String BAD_REQUESTS = "onex.introspection.bad_requests";

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionRequestHandler.class);

    private final EnvelopeCodec codec;
    private final List<IntrospectionBroadcaster> broadcasters;
    private final Counter badRequests;

    /**
     * @param codec decodes the envelope
     * @param broadcasters the runtime's nodes, one broadcaster each
     * @param registry where {@value #BAD_REQUESTS} is counted
     */
    public IntrospectionRequestHandler(EnvelopeCodec codec, Collection<IntrospectionBroadcaster> broadcasters,
            MeterRegistry registry) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.broadcasters = List.copyOf(broadcasters);
        this.badRequests = Counter.builder(BAD_REQUESTS)
                .description("registry-request-introspection records that could not be decoded")
                .register(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public CompletionStage<RecordOutcome> handle(ConsumerRecord<byte[], byte[]> record) {
        EventEnvelope envelope;
        RegistryIntrospectionRequest request;
        try {
            envelope = codec.decode(record.value());
            if (!EventTypes.REGISTRY_REQUEST_INTROSPECTION.equals(envelope.eventType())) {
                throw new IllegalArgumentException("event_type is '" + envelope.eventType() + "': expected '"
                        + EventTypes.REGISTRY_REQUEST_INTROSPECTION + "'");
            }
            request = RegistryIntrospectionRequest.fromPayload(envelope.payload());
        } catch (RuntimeException e) {
            badRequests.increment();
            LOG.warn("ignored introspection request at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
        }
        LOG.info("registry {} requests introspection ({}, targets {}, correlation {})", request.registryId(),
                request.reason().wireName(), request.targetNodeTypes().isEmpty() ? "all" : request.targetNodeTypes(),
                envelope.correlationId());
        List<CompletableFuture<?>> answers = new ArrayList<>(broadcasters.size());
        for (IntrospectionBroadcaster b : broadcasters) {
            answers.add(settled(b, request, envelope.correlationId()));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> RecordOutcome.PROCESSED);
    }

    private static CompletableFuture<?> settled(IntrospectionBroadcaster b, RegistryIntrospectionRequest request,
            String correlationId) {
        try {
            // failures are the broadcaster's to log and count; here an answer only needs to be over
            return b.answer(request, correlationId).toCompletableFuture().handle((ok, failure) -> null);
        } catch (RuntimeException e) {
            LOG.warn("node {} could not answer introspection request (correlation {}): {}",
                    b.descriptor().nodeId(), correlationId, e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }
}
