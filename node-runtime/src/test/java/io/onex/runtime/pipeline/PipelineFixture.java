package io.onex.runtime.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OnexNode;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicsSpec;
import io.onex.api.topic.TopicName;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Everything a pipeline test needs, on a manual clock and scheduler. */
final class PipelineFixture {

    static final String PUBLISH_REF = "onex.evt.order-placed.v1";
    static final String PUBLISH_TOPIC = "dev.omninode_bridge.onex.evt.order-placed.v1";
    static final String PUBLISH_DLQ = PUBLISH_TOPIC + ".dlq";
    /** A per-attempt timeout long enough never to fire by accident, and easy to tell from a backoff delay. */
    static final Duration LONG_TIMEOUT = Duration.ofHours(1);

    final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ObjectMapper mapper = EnvelopeCodec.defaultMapper();
    final EnvelopeCodec codec = new EnvelopeCodec(mapper);
    final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    final RecordingPublisher publisher = new RecordingPublisher();
    final DeadLetterRouter router = new DeadLetterRouter(producer, mapper, clock, scheduler,
            new RetrySpec(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()), registry);

    static RetrySpec retry(int attempts) {
        return new RetrySpec(attempts, Duration.ofMillis(100), 2.0, Duration.ofMillis(300), 0, List.of(), List.of());
    }

    static CircuitBreakerSpec breakerOff() {
        return new CircuitBreakerSpec(false, 100f, 5, 5, Duration.ofSeconds(30), 1, false);
    }

    /** Opens after 3 consecutive failures, waits 30 s, one trial call. */
    static CircuitBreakerSpec breaker(boolean deadLetterWhenOpen) {
        return new CircuitBreakerSpec(true, 100f, 3, 3, Duration.ofSeconds(30), 1, deadLetterWhenOpen);
    }

    static NodeContract contract(ResilienceSpec resilience, boolean deadLetter) {
        return new NodeContract("order_effect", SemanticVersion.parse("1.0.0"), NodeType.EFFECT, "test node",
                "io.onex.test.OrderEffect", new TopicsSpec(List.of("onex.cmd.place-order.v1"), List.of(PUBLISH_REF)),
                resilience, deadLetter, Duration.ofSeconds(30), Optional.empty(), Map.of("region", "eu"),
                Optional.empty());
    }

    static NodeContract contract(RetrySpec retry, CircuitBreakerSpec breaker, boolean deadLetter) {
        return contract(new ResilienceSpec(LONG_TIMEOUT, retry, breaker), deadLetter);
    }

    NodeInvoker invoker(NodeContract contract, OnexNode<?, ?> node) {
        return invoker(contract, node, router);
    }

    NodeInvoker invoker(NodeContract contract, OnexNode<?, ?> node, DeadLetterRouter deadLetterRouter) {
        return NodeInvoker.builder()
                .contract(contract)
                .node(node)
                .nodeId("order-effect-1")
                .publisher(publisher)
                .deadLetterRouter(deadLetterRouter)
                .topicResolver(t -> TopicName.resolve(t, "dev", "omninode_bridge"))
                .mapper(mapper)
                .clock(clock)
                .scheduler(scheduler)
                .meterRegistry(registry)
                .build();
    }

    /** Backoff waits asked of the scheduler, without the per-attempt timeouts. */
    List<Duration> backoffDelays() {
        return scheduler.requestedDelays().stream().filter(d -> !d.equals(LONG_TIMEOUT)).toList();
    }

    /** The JSON value of a record the producer sent. */
    com.fasterxml.jackson.databind.JsonNode json(org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> r) {
        try {
            return mapper.readTree(r.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** A publisher that records what it was asked to send and acknowledges at once. */
    static final class RecordingPublisher implements EventPublisher {
        final List<OutboundEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(new DeliveryReceipt(event.topic(), 0, events.size() - 1, "e"));
        }

        @Override
        public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String key, EventEnvelope envelope) {
            return CompletableFuture.completedFuture(new DeliveryReceipt(topic, 0, 0, envelope.eventId()));
        }
    }
}
