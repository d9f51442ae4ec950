package io.onex.runtime.introspection;

import io.onex.runtime.testing.RecordingEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntrospectionRequestHandlerTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.registry-request-introspection.v1";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(IntrospectionFixtures.EPOCH));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntrospectionBroadcaster orchestrator = broadcaster("orchestrator-1", NodeType.ORCHESTRATOR);
    private final IntrospectionBroadcaster reducer = broadcaster("reducer-1", NodeType.REDUCER);
    private final IntrospectionRequestHandler handler =
            new IntrospectionRequestHandler(codec, List.of(orchestrator, reducer), registry);

    private IntrospectionBroadcaster broadcaster(String nodeId, NodeType type) {
        return new IntrospectionBroadcaster(IntrospectionFixtures.descriptor(nodeId, type),
                new IntrospectionFixtures.SettableStatus(), publisher, clock, scheduler, registry, () -> ResourceUsage.NONE);
    }

    @BeforeEach
    void startNodes() {
        orchestrator.start();
        reducer.start();
    }

    @Test
    void everyTargetedNodeAnswersWithTheRequestCorrelationId() {
        RegistryIntrospectionRequest request = new RegistryIntrospectionRequest("registry-1",
                RegistryRequestReason.STARTUP, List.of(), 5000);

        CompletableFuture<RecordOutcome> outcome = handler.handle(record(envelope(request.toPayload(), "req-42")))
                .toCompletableFuture();

        assertThat(outcome).isCompletedWithValue(RecordOutcome.PROCESSED);
        assertThat(answers()).extracting(OutboundEvent::partitionKey, OutboundEvent::correlationId)
                .containsExactlyInAnyOrder(
                        tuple("orchestrator-1", "req-42"),
                        tuple("reducer-1", "req-42"));
    }

    @Test
    void onlyNodesOfTheTargetedTypesAnswer() {
        RegistryIntrospectionRequest request = new RegistryIntrospectionRequest("registry-1",
                RegistryRequestReason.REFRESH, List.of("reducer"), 5000);

        handler.handle(record(envelope(request.toPayload(), "req-43")));

        assertThat(answers()).extracting(OutboundEvent::partitionKey).containsExactly("reducer-1");
    }

    @Test
    void undecodableRequestIsCountedAndCompletesProcessed() {
        CompletableFuture<RecordOutcome> outcome = handler.handle(record("{not json".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture();

        assertThat(outcome).isCompletedWithValue(RecordOutcome.PROCESSED);
        assertThat(answers()).isEmpty();
        assertThat(registry.get(IntrospectionRequestHandler.BAD_REQUESTS).counter().count()).isEqualTo(1.0);
    }

    @Test
    void requestWithInvalidPayloadIsCountedAndNotAnswered() {
        handler.handle(record(envelope(Map.of("reason", "startup"), "req-44")));

        assertThat(answers()).isEmpty();
        assertThat(registry.get(IntrospectionRequestHandler.BAD_REQUESTS).counter().count()).isEqualTo(1.0);
    }

    @Test
    void recordOfAnotherEventTypeIsABadRequest() {
        EventEnvelope heartbeat = EventEnvelope.create(EventTypes.NODE_HEARTBEAT, "c-1", null, clock.instant(),
                new EventSource("omninode_bridge", "effect", "x"), Map.of(),
                RegistryIntrospectionRequest.toAll("registry-1", RegistryRequestReason.MANUAL).toPayload());

        handler.handle(record(codec.encode(heartbeat)));

        assertThat(answers()).isEmpty();
        assertThat(registry.get(IntrospectionRequestHandler.BAD_REQUESTS).counter().count()).isEqualTo(1.0);
    }

    @Test
    void failedAnswerStillCompletesTheRecordProcessed() {
        publisher.failNext(new IllegalStateException("broker down"));

        CompletableFuture<RecordOutcome> outcome = handler.handle(record(envelope(
                RegistryIntrospectionRequest.toAll("registry-1", RegistryRequestReason.RECOVERY).toPayload(), "req-45")))
                .toCompletableFuture();

        assertThat(outcome).isCompletedWithValue(RecordOutcome.PROCESSED);
        assertThat(answers()).hasSize(2);
    }

    private List<OutboundEvent> answers() {
        return publisher.attempts(EventTypes.NODE_INTROSPECTION).stream()
                .filter(e -> "registry_request".equals(e.payload().get(IntrospectionFields.REASON)))
                .toList();
    }

    private byte[] envelope(Map<String, Object> payload, String correlationId) {
        return codec.encode(EventEnvelope.create(EventTypes.REGISTRY_REQUEST_INTROSPECTION, correlationId, null,
                clock.instant(), new EventSource("omninode_bridge", "effect", "registry-1"), Map.of(), payload));
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, 7L, null, value);
    }
}
