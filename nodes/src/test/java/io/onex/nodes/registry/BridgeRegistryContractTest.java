package io.onex.nodes.registry;

import static io.onex.nodes.registry.RegistryEvents.envelope;
import static io.onex.nodes.registry.RegistryEvents.heartbeat;
import static io.onex.nodes.registry.RegistryEvents.introspection;
import static io.onex.nodes.registry.RegistryEvents.startup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.directory.NodeDirectory.Change;
import io.onex.runtime.directory.NodeDirectory.ChangeKind;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;

/**
 * The registry as its shipped contract runs it (NodeTestKit: the runtime's wiring, consumer record handling, DLQ and
 * liveness sweep on MockProducer and the kit's manual scheduler). Events reach it as its consumer would hand them,
 * on the topic they were consumed from.
 */
class BridgeRegistryContractTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_registry.yaml");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private static NodeDirectory directory(NodeTestKit kit) {
        return kit.node(NodeBridgeRegistry.class).directory();
    }

    private static List<RegistryIntrospectionRequest> requests(NodeTestKit kit) {
        return kit.publishedTo(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION).stream()
                .map(p -> RegistryIntrospectionRequest.fromPayload(p.payload())).toList();
    }

    private static NodeEntry entry(NodeTestKit kit, String nodeId) {
        return directory(kit).all().stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().orElseThrow();
    }

    private static List<String> ids(List<NodeEntry> entries) {
        return entries.stream().map(NodeEntry::nodeId).toList();
    }

    private static ArgumentMatcher<Change> change(ChangeKind kind, String nodeId) {
        return c -> c.kind() == kind && c.entry().nodeId().equals(nodeId);
    }

    @Test
    void startupRequestAsksEveryNodeTypeToIntrospectInTheRegistrysName() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            assertThat(kit.published()).as("the startup request, nothing else").hasSize(1);
            PublishedRecord sent = kit.publishedTo(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION).get(0);

            assertThat(sent.topic()).isEqualTo("dev.omninode_bridge." + BridgeTopics.REGISTRY_REQUEST_INTROSPECTION);
            assertThat(sent.eventType()).isEqualTo(EventTypes.REGISTRY_REQUEST_INTROSPECTION);
            assertThat(sent.envelope().source().nodeId()).isEqualTo(kit.nodeId());
            RegistryIntrospectionRequest request = RegistryIntrospectionRequest.fromPayload(sent.payload());
            assertThat(request.reason()).isEqualTo(RegistryRequestReason.STARTUP);
            assertThat(request.registryId()).isEqualTo(kit.nodeId());
            assertThat(request.targetNodeTypes()).as("every node type").isEmpty();
        }
    }

    @Test
    void anIntrospectionConsumedFromTheIntrospectionTopicMakesTheNodeFindableByNameTypeAndTopic() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            String stamps = kit.topic(BridgeTopics.METADATA_STAMP_CREATED);
            EventEnvelope reducer = envelope(introspection("reducer-1", "bridge_reducer", NodeType.REDUCER, 7,
                    IntrospectionReason.STARTUP, List.of("aggregate"), List.of(stamps), List.of()),
                    kit.clock().instant());

            assertThat(kit.deliver(BridgeTopics.NODE_INTROSPECTION, reducer))
                    .isCompletedWithValue(RecordOutcome.PROCESSED);

            assertThat(ids(directory(kit).findByName("bridge_reducer"))).containsExactly("reducer-1");
            assertThat(ids(directory(kit).findByType(NodeType.REDUCER))).containsExactly("reducer-1");
            assertThat(ids(directory(kit).findByTopic(stamps))).containsExactly("reducer-1");
            assertThat(directory(kit).findByType(NodeType.EFFECT)).isEmpty();
            assertThat(entry(kit, "reducer-1").status()).isEqualTo(NodeStatus.ACTIVE);
            assertThat(requests(kit)).as("an introspected node is not asked again").hasSize(1);
        }
    }

    @Test
    void anIntrospectionWhoseEventTypeIsSpelledInLowerCaseIsReadLikeAnyOther() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            EventEnvelope e = envelope(introspection("reducer-1", "bridge_reducer", NodeType.REDUCER, 7,
                    IntrospectionReason.STARTUP, List.of("aggregate"), List.of(), List.of()), kit.clock().instant());
            EventEnvelope lowerCase = new EventEnvelope(e.eventId(), e.eventType().toLowerCase(), e.correlationId(),
                    e.causationId(), e.timestamp(), e.version(), e.source(), e.metadata(), e.payload(),
                    e.extensions());

            assertThat(kit.deliver(BridgeTopics.NODE_INTROSPECTION, lowerCase))
                    .isCompletedWithValue(RecordOutcome.PROCESSED);
            assertThat(ids(directory(kit).findByName("bridge_reducer"))).containsExactly("reducer-1");
        }
    }

    @Test
    void aHeartbeatFromAnUnknownNodePublishesARefreshRequestForItsTypeUnderTheHeartbeatsCorrelation()
            throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            EventEnvelope beat = heartbeat("py-stamper-1", NodeType.COMPUTE, INTERVAL, "closed", kit.clock().instant(),
                    0);

            assertThat(kit.deliver(BridgeTopics.NODE_HEARTBEAT, beat)).isCompletedWithValue(RecordOutcome.PROCESSED);

            assertThat(requests(kit)).extracting(RegistryIntrospectionRequest::reason)
                    .containsExactly(RegistryRequestReason.STARTUP, RegistryRequestReason.REFRESH);
            RegistryIntrospectionRequest refresh = requests(kit).get(1);
            assertThat(refresh.registryId()).isEqualTo(kit.nodeId());
            assertThat(refresh.targetNodeTypes()).containsExactly("compute");
            PublishedRecord sent = kit.publishedTo(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION).get(1);
            assertThat(sent.envelope().correlationId()).isEqualTo(beat.correlationId());
            assertThat(entry(kit, "py-stamper-1").introspected()).isFalse();
            assertThat(ids(directory(kit).findByType(NodeType.COMPUTE))).containsExactly("py-stamper-1");
        }
    }

    @Test
    void anIntrospectionWhosePayloadCannotBeReadIsDeadLetteredNamingTheFieldWithoutARetry() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            Map<String, Object> payload = new HashMap<>(startup("n-1", "effect_a", 1).toPayload());
            payload.put("epoch", "soon");
            EventEnvelope unreadable = EventEnvelope.create(EventTypes.NODE_INTROSPECTION, UUID.randomUUID().toString(),
                    null, kit.clock().instant(), new EventSource("test", "effect", "n-1"), Map.of(), payload);

            var outcome = kit.deliver(BridgeTopics.NODE_INTROSPECTION, unreadable);

            assertThat(outcome).as("done at once: no retry waits for a backoff")
                    .isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            String introspectionTopic = kit.topic(BridgeTopics.NODE_INTROSPECTION);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo(introspectionTopic + ".dlq");
                assertThat(d.originalTopic()).isEqualTo(introspectionTopic);
                assertThat(d.errorType()).isEqualTo(InvalidInputException.class.getName());
                assertThat(d.errorMessage()).isEqualTo("node-introspection payload field 'epoch' is a string: "
                        + "expected an integer");
                assertThat(d.retryCount()).isEqualTo(1);
                assertThat(d.originalEnvelope()).containsEntry("event_id", unreadable.eventId());
            });
            assertThat(directory(kit).all()).isEmpty();
            assertThat(requests(kit)).as("only the startup request").hasSize(1);
        }
    }

    @Test
    void aNodeThatStopsBeatingExpiresPastThreeIntervalsAndListenersAreToldOfJoinedAndExpiredOnce()
            throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            NodeDirectory.Listener listener = mock(NodeDirectory.Listener.class);
            directory(kit).addListener(listener);
            kit.deliver(BridgeTopics.NODE_INTROSPECTION, envelope(startup("n-1", "effect_a", 100),
                    kit.clock().instant()));
            kit.deliver(BridgeTopics.NODE_HEARTBEAT, heartbeat("n-1", INTERVAL, "closed", kit.clock().instant()));
            verify(listener).onChange(argThat(change(ChangeKind.JOINED, "n-1")));

            kit.advance(INTERVAL.multipliedBy(3));
            assertThat(entry(kit, "n-1").status()).isEqualTo(NodeStatus.SUSPECT);
            verify(listener, never()).onChange(argThat(change(ChangeKind.EXPIRED, "n-1")));

            kit.advance(Duration.ofSeconds(1)); // the next sweep: silent for more than 3 intervals

            assertThat(entry(kit, "n-1").status()).isEqualTo(NodeStatus.EXPIRED);
            assertThat(directory(kit).findByName("effect_a")).isEmpty();
            kit.advance(INTERVAL.multipliedBy(6)); // later sweeps announce nothing more
            verify(listener).onChange(argThat(change(ChangeKind.JOINED, "n-1")));
            verify(listener).onChange(argThat(change(ChangeKind.SUSPECT, "n-1")));
            verify(listener).onChange(argThat(change(ChangeKind.EXPIRED, "n-1")));
            verifyNoMoreInteractions(listener);
        }
    }
}
