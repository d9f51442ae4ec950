package io.onex.nodes.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeDirectory.Change;
import io.onex.runtime.directory.NodeDirectory.ChangeKind;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.introspection.IntrospectionBroadcaster;
import io.onex.runtime.introspection.NodeDescriptor;
import io.onex.runtime.introspection.ResourceUsage;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.resilience.BreakerState;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The producer/consumer pair without a broker: what the runtime's {@link IntrospectionBroadcaster} writes, encoded
 * to the wire and decoded again, is what the registry reads, and the broadcaster's heartbeats keep the node active
 * while the registry's sweep runs on the same manual clock.
 */
class NodeBridgeRegistryReadsBroadcasterTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void theRegistryReadsWhatTheBroadcasterWritesAndTracksItsLiveness() throws Exception {
        NodeContract probe = new ContractLoader(Map.of())
                .load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"));
        NodeContract registryContract = new ContractLoader(Map.of()).load(Path.of("../contracts/bridge_registry.yaml"));
        NodeBridgeRegistry registry = new NodeBridgeRegistry("registry-1", clock, scheduler);
        List<Change> changes = new CopyOnWriteArrayList<>();
        registry.directory().addListener(changes::add);
        CallContext context = new CallContext("registry-1", registryContract, "c-1", null, null, 1,
                new WirePublisher(null), clock);
        registry.start(context);
        WirePublisher toRegistry = new WirePublisher(event -> registry.executeEffect(event, context)
                .toCompletableFuture().join());
        NodeDescriptor descriptor = new NodeDescriptor("probe-1", probe, List.of("in.v1"), List.of("out.v1"),
                List.of("count_words"), Map.of(), Map.of(), "net", "dep", clock.millis());
        IntrospectionBroadcaster broadcaster = new IntrospectionBroadcaster(descriptor, new HealthyNode(), toRegistry,
                clock, scheduler, new SimpleMeterRegistry(), () -> ResourceUsage.NONE);

        broadcaster.start();
        scheduler.advance(Duration.ofSeconds(10)); // 10 heartbeats of 1 s, 10 sweeps

        NodeEntry entry = registry.directory().findByName("heartbeat_probe").get(0);
        assertThat(entry.nodeId()).isEqualTo("probe-1");
        assertThat(entry.nodeType()).isEqualTo(NodeType.COMPUTE);
        assertThat(entry.nodeVersion()).isEqualTo("2.1.0");
        assertThat(entry.epoch()).isEqualTo(descriptor.epoch());
        assertThat(entry.subscribedTopics()).containsExactly("in.v1");
        assertThat(entry.publishedTopics()).containsExactly("out.v1");
        assertThat(entry.operations()).containsExactly("count_words");
        assertThat(entry.status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(entry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(entry.circuitBreakers()).containsEntry("heartbeat_probe", "closed");
        assertThat(entry.lastHeartbeat()).contains(clock.instant());

        broadcaster.close();

        assertThat(registry.directory().findByName("heartbeat_probe")).isEmpty();
        assertThat(changes).extracting(Change::kind).containsExactly(ChangeKind.JOINED, ChangeKind.LEFT);
        registry.stop();
    }

    /** Encodes each event into the envelope's wire bytes and hands the decoded envelope on, like a broker would. */
    private final class WirePublisher implements EventPublisher {
        private final java.util.function.Consumer<EventEnvelope> sink;

        WirePublisher(java.util.function.Consumer<EventEnvelope> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
            EventEnvelope envelope = EventEnvelope.create(event.eventType(), "c-1", null, clock.instant(),
                    new EventSource("test", "compute", "probe-1"), Map.of(), event.payload());
            if (sink != null) {
                sink.accept(codec.decode(codec.encode(envelope)));
            }
            return CompletableFuture.completedFuture(new DeliveryReceipt(event.topic(), 0, 0, envelope.eventId()));
        }

        @Override
        public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String key, EventEnvelope envelope) {
            throw new AssertionError("not used");
        }
    }

    private static final class HealthyNode implements NodeStatusSource {
        @Override
        public BreakerState breakerState() {
            return BreakerState.CLOSED;
        }

        @Override
        public boolean consumerHealthy() {
            return true;
        }

        @Override
        public int activeOperations() {
            return 0;
        }

        @Override
        public Instant lastActivity() {
            return null;
        }
    }
}
