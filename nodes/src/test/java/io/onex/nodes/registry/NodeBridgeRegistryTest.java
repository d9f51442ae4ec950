package io.onex.nodes.registry;

import io.onex.runtime.directory.NodeDirectory.Change;
import io.onex.runtime.directory.NodeDirectory.ChangeKind;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.testing.RecordingEventPublisher;

import static io.onex.nodes.registry.RegistryEvents.envelope;
import static io.onex.nodes.registry.RegistryEvents.heartbeat;
import static io.onex.nodes.registry.RegistryEvents.introspection;
import static io.onex.nodes.registry.RegistryEvents.startup;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeBridgeRegistryTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_registry.yaml");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private NodeBridgeRegistry registry;
    private CallContext context;

    @BeforeEach
    void startRegistry() throws Exception {
        NodeContract contract = new ContractLoader(Map.of()).load(CONTRACT);
        context = new CallContext("registry-1", contract, UUID.randomUUID().toString(), null, null, 1, publisher, clock);
        registry = new NodeBridgeRegistry("registry-1", clock, scheduler);
        registry.directory().addListener(changes::add);
        registry.start(context);
    }

    private RegistryUpdate consume(EventEnvelope event) {
        return registry.executeEffect(event, context).toCompletableFuture().join();
    }

    private NodeEntry entry(String nodeId) {
        return registry.directory().all().stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().orElseThrow();
    }

    private List<ChangeKind> kinds() {
        return changes.stream().map(Change::kind).toList();
    }

    @Test
    void theContractSubscribesToIntrospectionAndHeartbeatsAndPublishesTheRequest() throws Exception {
        NodeContract contract = new ContractLoader(Map.of()).load(CONTRACT);

        assertThat(contract.implementation()).isEqualTo(NodeBridgeRegistry.class.getName());
        assertThat(contract.topics().subscribe()).containsExactlyInAnyOrder(BridgeTopics.NODE_INTROSPECTION,
                BridgeTopics.NODE_HEARTBEAT);
        assertThat(contract.topics().publish()).containsExactly(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION);
        assertThat(contract.consumer().orElseThrow().groupId()).isEqualTo("bridge_registry");
        assertThat(contract.consumer().orElseThrow().autoOffsetReset()).isEqualTo("earliest");
    }

    @Test
    void startAsksEveryNodeTypeToIntrospectWithReasonStartup() {
        assertThat(publisher.attempts()).hasSize(1);
        OutboundEvent request = publisher.attempts().get(0);
        assertThat(request.topic()).isEqualTo(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION);
        assertThat(request.eventType()).isEqualTo(EventTypes.REGISTRY_REQUEST_INTROSPECTION);

        RegistryIntrospectionRequest decoded = RegistryIntrospectionRequest.fromPayload(request.payload());
        assertThat(decoded.registryId()).isEqualTo("registry-1");
        assertThat(decoded.reason()).isEqualTo(RegistryRequestReason.STARTUP);
        assertThat(decoded.targetNodeTypes()).isEmpty();
    }

    @Test
    void anIntrospectionAddsAnActiveNodeWithItsTopicsAndOperations() {
        assertThat(consume(envelope(startup("n-1", "effect_a", 100), clock.instant()))).isEqualTo(RegistryUpdate.APPLIED);

        NodeEntry e = entry("n-1");
        assertThat(e.nodeName()).isEqualTo("effect_a");
        assertThat(e.nodeType()).isEqualTo(NodeType.EFFECT);
        assertThat(e.nodeVersion()).isEqualTo("1.2.0");
        assertThat(e.status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(e.epoch()).isEqualTo(100);
        assertThat(e.subscribedTopics()).containsExactly("in.v1");
        assertThat(e.publishedTopics()).containsExactly("out.v1");
        assertThat(e.operations()).containsExactly("publish");
        assertThat(e.introspected()).isTrue();
        assertThat(kinds()).containsExactly(ChangeKind.JOINED);
    }

    @Test
    void anOlderEpochNeverOverwritesANewerOne() {
        consume(envelope(startup("n-1", "effect_new", 200), clock.instant()));

        RegistryUpdate stale = consume(envelope(startup("n-1", "effect_old", 100), clock.instant()));

        assertThat(stale).isEqualTo(RegistryUpdate.IGNORED);
        assertThat(entry("n-1").nodeName()).isEqualTo("effect_new");
        assertThat(entry("n-1").epoch()).isEqualTo(200);
    }

    @Test
    void aNewerEpochReplacesTheEntryAndTheSameEpochRefreshesIt() {
        consume(envelope(startup("n-1", "effect_a", 100), clock.instant()));
        consume(envelope(introspection("n-1", "effect_a", NodeType.EFFECT, 100, IntrospectionReason.REGISTRY_REQUEST,
                List.of("publish", "flush"), List.of(), List.of()), clock.instant()));
        assertThat(entry("n-1").operations()).containsExactly("publish", "flush");

        consume(envelope(introspection("n-1", "effect_a", NodeType.EFFECT, 300, IntrospectionReason.STARTUP,
                List.of("publish"), List.of(), List.of()), clock.instant()));

        assertThat(entry("n-1").epoch()).isEqualTo(300);
        assertThat(entry("n-1").operations()).containsExactly("publish");
        assertThat(kinds()).containsExactly(ChangeKind.JOINED);
    }

    @Test
    void livenessGoesActiveSuspectExpiredAndActiveAgainOnTheNextHeartbeat() {
        consume(envelope(startup("n-1", "effect_a", 100), clock.instant()));
        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()));

        scheduler.advance(Duration.ofSeconds(20));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.SUSPECT);
        scheduler.advance(Duration.ofSeconds(9));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.SUSPECT);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.EXPIRED);
        scheduler.advance(Duration.ofSeconds(60));

        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(kinds()).containsExactly(ChangeKind.JOINED, ChangeKind.SUSPECT, ChangeKind.EXPIRED,
                ChangeKind.RETURNED);
        assertThat(changes.get(3).entry().lastHeartbeat()).contains(clock.instant());
    }

    @Test
    void anIntrospectionAlsoBringsASuspectNodeBack() {
        consume(envelope(startup("n-1", "effect_a", 100), clock.instant()));
        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()));
        scheduler.advance(Duration.ofSeconds(25));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.SUSPECT);

        consume(envelope(startup("n-1", "effect_a", 100).withReason(IntrospectionReason.REFRESH), clock.instant()));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(kinds()).containsExactly(ChangeKind.JOINED, ChangeKind.SUSPECT, ChangeKind.RETURNED);
    }

    @Test
    void aSweepThatFindsANodePastThreeIntervalsReportsOneExpiry() {
        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()));
        clock.advance(Duration.ofSeconds(45)); // no sweep ran on the way

        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(kinds()).containsExactly(ChangeKind.JOINED, ChangeKind.EXPIRED);
    }

    @Test
    void livenessIsJudgedFromTheEventsOwnTimestampSoReplayedHistoryIsNotAlive() {
        consume(envelope(startup("n-old", "effect_a", 100), clock.instant().minus(Duration.ofHours(2))));

        assertThat(entry("n-old").status()).isEqualTo(NodeStatus.EXPIRED);
        assertThat(registry.directory().findByName("effect_a")).isEmpty();
        assertThat(changes).as("a node first heard of already expired is not announced").isEmpty();
    }

    @Test
    void aShutdownIntrospectionMarksTheNodeOfflineAndLaterHeartbeatsDoNotRevive() {
        consume(envelope(startup("n-1", "effect_a", 100), clock.instant()));

        consume(envelope(startup("n-1", "effect_a", 100).withReason(IntrospectionReason.SHUTDOWN), clock.instant()));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.OFFLINE);
        assertThat(registry.directory().findByName("effect_a")).isEmpty();
        assertThat(consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()))).isEqualTo(RegistryUpdate.IGNORED);
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.OFFLINE);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(entry("n-1").status()).as("the sweep leaves offline nodes alone").isEqualTo(NodeStatus.OFFLINE);

        consume(envelope(startup("n-1", "effect_a", 500), clock.instant()));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(kinds()).containsExactly(ChangeKind.JOINED, ChangeKind.LEFT, ChangeKind.JOINED);
    }

    @Test
    void aLateHeartbeatOfAnOlderInstanceIsIgnoredButOneWithoutAnEpochCounts() {
        consume(envelope(startup("n-1", "effect_a", 500), clock.instant()));
        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant(), 500));
        scheduler.advance(INTERVAL.multipliedBy(2).plusSeconds(1));
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.SUSPECT);

        assertThat(consume(heartbeat("n-1", INTERVAL, "open", clock.instant(), 100)))
                .as("the instance that started at 100 was replaced by the one of 500").isEqualTo(RegistryUpdate.IGNORED);
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.SUSPECT);

        assertThat(consume(heartbeat("n-1", INTERVAL, "closed", clock.instant(), 500))).isEqualTo(RegistryUpdate.APPLIED);
        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()))).as("a Python heartbeat: no epoch")
                .isEqualTo(RegistryUpdate.APPLIED);
    }

    @Test
    void aShutdownOfAnOlderEpochDoesNotTakeDownTheRestartedInstance() {
        consume(envelope(startup("n-1", "effect_a", 500), clock.instant()));

        consume(envelope(startup("n-1", "effect_a", 100).withReason(IntrospectionReason.SHUTDOWN), clock.instant()));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
    }

    @Test
    void aHeartbeatOfAnUnknownNodeMakesItVisibleUntilItsIntrospectionFillsItIn() {
        consume(heartbeat("n-9", INTERVAL, "open", clock.instant()));

        NodeEntry known = entry("n-9");
        assertThat(known.nodeName()).isEqualTo("n-9");
        assertThat(known.introspected()).isFalse();
        assertThat(known.status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(known.circuitBreakers()).containsEntry("breaker", "open");
        assertThat(known.heartbeatInterval()).isEqualTo(INTERVAL);

        consume(envelope(startup("n-9", "effect_z", 100), clock.instant()));

        NodeEntry filled = entry("n-9");
        assertThat(filled.nodeName()).isEqualTo("effect_z");
        assertThat(filled.introspected()).isTrue();
        assertThat(filled.circuitBreakers()).as("kept from the heartbeat").containsEntry("breaker", "open");
        assertThat(filled.heartbeatInterval()).isEqualTo(INTERVAL);
        assertThat(kinds()).containsExactly(ChangeKind.JOINED);
    }

    @Test
    void findsLiveNodesByNameTypeCapabilityAndTopic() {
        consume(envelope(introspection("e-1", "kafka_effect", NodeType.EFFECT, 1, IntrospectionReason.STARTUP,
                List.of("publish"), List.of(), List.of("events.v1")), clock.instant()));
        consume(envelope(introspection("r-1", "reducer", NodeType.REDUCER, 1, IntrospectionReason.STARTUP,
                List.of("aggregate"), List.of("events.v1"), List.of("aggregates.v1")), clock.instant()));
        consume(envelope(introspection("e-2", "kafka_effect", NodeType.EFFECT, 1, IntrospectionReason.STARTUP,
                List.of("publish"), List.of(), List.of("events.v1")), clock.instant().minus(Duration.ofHours(1))));

        assertThat(ids(registry.directory().findByName("kafka_effect"))).containsExactly("e-1");
        assertThat(ids(registry.directory().findByType(NodeType.REDUCER))).containsExactly("r-1");
        assertThat(ids(registry.directory().findByCapability("aggregate"))).containsExactly("r-1");
        assertThat(ids(registry.directory().findByTopic("events.v1"))).containsExactly("e-1", "r-1");
        assertThat(registry.directory().findByCapability("nothing")).isEmpty();
        assertThat(ids(registry.directory().all())).containsExactly("e-1", "e-2", "r-1");
    }

    @Test
    void aRemovedListenerIsNoLongerToldAndAFailingListenerDoesNotStopOthers() throws Exception {
        List<Change> second = new CopyOnWriteArrayList<>();
        registry.directory().addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        AutoCloseable registration = registry.directory().addListener(second::add);
        consume(envelope(startup("n-1", "effect_a", 1), clock.instant()));
        registration.close();

        consume(envelope(startup("n-2", "effect_b", 1), clock.instant()));

        assertThat(second).extracting(c -> c.entry().nodeId()).containsExactly("n-1");
        assertThat(changes).extracting(c -> c.entry().nodeId()).containsExactly("n-1", "n-2");
    }

    @Test
    void anUnreadablePayloadOrAnotherEventTypeIsInvalidInput() {
        EventEnvelope noNodeId = EventEnvelope.create(EventTypes.NODE_HEARTBEAT, "c", null, clock.instant(),
                new EventSource("test", "effect", "x"), Map.of(), Map.of("node_type", "effect"));
        EventEnvelope other = EventEnvelope.create("SOMETHING_ELSE", "c", null, clock.instant(),
                new EventSource("test", "effect", "x"), Map.of(), Map.of());

        assertThat(registry.executeEffect(noNodeId, context).toCompletableFuture())
                .failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(InvalidInputException.class).withMessageContaining("node_id");
        assertThat(registry.executeEffect(other, context).toCompletableFuture())
                .failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(InvalidInputException.class).withMessageContaining("SOMETHING_ELSE");
        assertThat(registry.directory().all()).isEmpty();
    }

    @Test
    void stopEndsTheLivenessSweep() {
        consume(heartbeat("n-1", INTERVAL, "closed", clock.instant()));

        registry.stop();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(entry("n-1").status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    private static List<String> ids(List<NodeEntry> entries) {
        return entries.stream().map(NodeEntry::nodeId).toList();
    }
}
