package io.onex.nodes.registry;

import static io.onex.nodes.registry.RegistryEvents.envelope;
import static io.onex.nodes.registry.RegistryEvents.heartbeat;
import static io.onex.nodes.registry.RegistryEvents.introspection;
import static io.onex.nodes.registry.RegistryEvents.startup;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat from a node whose introspection the registry has not seen makes it ask that node's type to introspect
 * (reason {@code refresh}), at most once per {@link IntrospectionRefresher#REFRESH_BACKOFF} per type.
 */
class NodeBridgeRegistryRefreshTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_registry.yaml");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration BACKOFF = IntrospectionRefresher.REFRESH_BACKOFF;

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private NodeBridgeRegistry registry;
    private CallContext context;

    @BeforeEach
    void startRegistry() throws Exception {
        NodeContract contract = new ContractLoader(Map.of()).load(CONTRACT);
        context = new CallContext("registry-1", contract, UUID.randomUUID().toString(), null, null, 1, publisher, clock);
        registry = new NodeBridgeRegistry("registry-1", clock, scheduler);
        registry.start(context); // publishes the startup request, which these tests leave out
    }

    private RegistryUpdate consume(EventEnvelope event) {
        return registry.executeEffect(event, context).toCompletableFuture().join();
    }

    private RegistryUpdate beat(String nodeId, NodeType type) {
        return consume(heartbeat(nodeId, type, INTERVAL, "closed", clock.instant(), 0));
    }

    /** The refresh requests attempted so far, failed ones included. */
    private List<RegistryIntrospectionRequest> refreshRequests() {
        return publisher.attempts(EventTypes.REGISTRY_REQUEST_INTROSPECTION).stream()
                .map(e -> RegistryIntrospectionRequest.fromPayload(e.payload()))
                .filter(r -> r.reason() == RegistryRequestReason.REFRESH).toList();
    }

    private NodeEntry entry(String nodeId) {
        return registry.directory().all().stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().orElseThrow();
    }

    @Test
    void aHeartbeatOfAnUnknownNodeAsksItsTypeToIntrospectOnce() {
        assertThat(beat("py-stamper-1", NodeType.COMPUTE)).isEqualTo(RegistryUpdate.APPLIED);

        List<OutboundEvent> sent = publisher.attempts(EventTypes.REGISTRY_REQUEST_INTROSPECTION);
        assertThat(sent).hasSize(2); // startup, then refresh
        OutboundEvent refresh = sent.get(1);
        assertThat(refresh.topic()).isEqualTo(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION);
        RegistryIntrospectionRequest request = RegistryIntrospectionRequest.fromPayload(refresh.payload());
        assertThat(request.registryId()).isEqualTo("registry-1");
        assertThat(request.reason()).isEqualTo(RegistryRequestReason.REFRESH);
        assertThat(request.targetNodeTypes()).containsExactly("compute");
        assertThat(request.responseTimeoutMs()).isEqualTo(RegistryIntrospectionRequest.DEFAULT_RESPONSE_TIMEOUT_MS);
    }

    @Test
    void heartbeatsWithinTheBackoffAskNothingMore() {
        beat("py-stamper-1", NodeType.COMPUTE);

        scheduler.advance(INTERVAL);
        beat("py-stamper-1", NodeType.COMPUTE);
        scheduler.advance(BACKOFF.minus(INTERVAL).minusMillis(1));
        beat("py-stamper-1", NodeType.COMPUTE);

        assertThat(refreshRequests()).hasSize(1);
    }

    @Test
    void aNodeStillNotIntrospectedAfterTheBackoffIsAskedAgainOncePerBackoff() {
        beat("py-stamper-1", NodeType.COMPUTE);

        scheduler.advance(BACKOFF);
        beat("py-stamper-1", NodeType.COMPUTE);
        assertThat(refreshRequests()).hasSize(2);

        scheduler.advance(INTERVAL);
        beat("py-stamper-1", NodeType.COMPUTE);
        assertThat(refreshRequests()).hasSize(2);
        assertThat(refreshRequests()).allSatisfy(r -> assertThat(r.targetNodeTypes()).containsExactly("compute"));
    }

    @Test
    void aHeartbeatOfAnIntrospectedNodeAsksNothing() {
        consume(envelope(startup("n-1", "effect_a", 100), clock.instant()));

        beat("n-1", NodeType.EFFECT);
        scheduler.advance(BACKOFF.multipliedBy(2));
        beat("n-1", NodeType.EFFECT);

        assertThat(refreshRequests()).isEmpty();
    }

    @Test
    void onceItsIntrospectionArrivesTheNodeIsNotAskedAgain() {
        beat("py-stamper-1", NodeType.COMPUTE);
        consume(envelope(introspection("py-stamper-1", "stamper", NodeType.COMPUTE, 100,
                IntrospectionReason.REGISTRY_REQUEST, List.of("stamp"), List.of(), List.of()), clock.instant()));

        scheduler.advance(BACKOFF.multipliedBy(2));
        beat("py-stamper-1", NodeType.COMPUTE);

        assertThat(refreshRequests()).hasSize(1);
        assertThat(entry("py-stamper-1").introspected()).isTrue();
    }

    @Test
    void theBackoffIsPerNodeTypeAndOneRequestCoversEveryNodeOfTheType() {
        beat("py-stamper-1", NodeType.COMPUTE);
        beat("py-stamper-2", NodeType.COMPUTE); // the first request reaches it too: every live compute node answers
        beat("effect-1", NodeType.EFFECT);

        assertThat(refreshRequests()).extracting(RegistryIntrospectionRequest::targetNodeTypes)
                .containsExactly(List.of("compute"), List.of("effect"));
    }

    @Test
    void aReplayedHeartbeatOfANodeLongSilentAsksNothing() {
        // history read from the topic: the node expired long ago, nobody is there to answer
        consume(heartbeat("gone-1", NodeType.COMPUTE, INTERVAL, "closed", clock.instant().minus(Duration.ofHours(2)), 0));

        assertThat(entry("gone-1").status()).isEqualTo(NodeStatus.EXPIRED);
        assertThat(refreshRequests()).isEmpty();
    }

    @Test
    void aRequestThatThrowsDoesNotFailTheHeartbeatAndIsNotRetriedOnEveryHeartbeat() {
        publisher.throwNext(new IllegalStateException("producer closed"));

        assertThat(beat("py-stamper-1", NodeType.COMPUTE)).isEqualTo(RegistryUpdate.APPLIED);
        assertThat(entry("py-stamper-1").status()).isEqualTo(NodeStatus.ACTIVE);
        scheduler.advance(INTERVAL);
        assertThat(beat("py-stamper-1", NodeType.COMPUTE)).isEqualTo(RegistryUpdate.APPLIED);
        assertThat(refreshRequests()).as("one attempt within the backoff, the failed one").hasSize(1);

        scheduler.advance(BACKOFF);
        beat("py-stamper-1", NodeType.COMPUTE);
        assertThat(refreshRequests()).hasSize(2);
    }

    @Test
    void aRequestWhoseStageFailsDoesNotFailTheHeartbeat() {
        publisher.failNext(new TimeoutException("broker unreachable"));

        assertThat(beat("py-stamper-1", NodeType.COMPUTE)).isEqualTo(RegistryUpdate.APPLIED);

        NodeEntry known = entry("py-stamper-1");
        assertThat(known.status()).isEqualTo(NodeStatus.ACTIVE);
        assertThat(known.introspected()).isFalse();
        assertThat(refreshRequests()).hasSize(1);
    }
}
