package io.onex.runtime.introspection;

import io.onex.runtime.resilience.BreakerState;
import io.onex.runtime.testing.RecordingEventPublisher;

import static io.onex.runtime.introspection.IntrospectionFixtures.EPOCH;
import static io.onex.runtime.introspection.IntrospectionFixtures.INTERVAL;
import static io.onex.runtime.introspection.IntrospectionFixtures.NODE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrospectionBroadcasterTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(EPOCH));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final IntrospectionFixtures.SettableStatus status = new IntrospectionFixtures.SettableStatus();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private IntrospectionBroadcaster broadcaster(NodeDescriptor descriptor) {
        return new IntrospectionBroadcaster(descriptor, status, publisher, clock, scheduler, registry,
                () -> new ResourceUsage(256.0, 7.5));
    }

    private final IntrospectionBroadcaster broadcaster = broadcaster(IntrospectionFixtures.descriptor());

    @Test
    void startPublishesStartupIntrospectionKeyedByNodeId() {
        broadcaster.start();

        assertThat(publisher.attempts()).hasSize(1);
        OutboundEvent event = publisher.attempts().get(0);
        assertThat(event.topic()).isEqualTo(BridgeTopics.NODE_INTROSPECTION);
        assertThat(event.eventType()).isEqualTo(EventTypes.NODE_INTROSPECTION);
        assertThat(event.partitionKey()).isEqualTo(NODE_ID);
        assertThat(event.payload()).isEqualTo(
                IntrospectionFixtures.descriptor().introspection(IntrospectionReason.STARTUP).toPayload());
    }

    @Test
    void heartbeatsFollowEveryIntervalAfterTheFirstInterval() {
        broadcaster.start();

        scheduler.advance(INTERVAL.minusMillis(1));
        assertThat(publisher.attempts(EventTypes.NODE_HEARTBEAT)).isEmpty();

        scheduler.advance(Duration.ofMillis(1).plus(INTERVAL.multipliedBy(2)));
        List<OutboundEvent> heartbeats = publisher.attempts(EventTypes.NODE_HEARTBEAT);
        assertThat(heartbeats).hasSize(3);
        assertThat(heartbeats).allSatisfy(h -> {
            assertThat(h.topic()).isEqualTo(BridgeTopics.NODE_HEARTBEAT);
            assertThat(h.partitionKey()).isEqualTo(NODE_ID);
        });
        assertThat(heartbeats).extracting(h -> h.payload().get(IntrospectionFields.UPTIME_SECONDS))
                .containsExactly(30L, 60L, 90L);
    }

    @Test
    void heartbeatCarriesTheNodeStatusAndTheInstancesEpoch() {
        status.activeOperations = 4;
        status.lastActivity = Instant.ofEpochMilli(EPOCH).plusSeconds(12);
        broadcaster.start();

        scheduler.advance(INTERVAL);

        NodeHeartbeat heartbeat = NodeHeartbeat.fromPayload(
                publisher.attempts(EventTypes.NODE_HEARTBEAT).get(0).payload());
        assertThat(heartbeat).isEqualTo(new NodeHeartbeat(NODE_ID, NodeType.ORCHESTRATOR, HealthStatus.HEALTHY, 30,
                Instant.ofEpochMilli(EPOCH).plusSeconds(12), 4, new ResourceUsage(256.0, 7.5),
                Map.of(IntrospectionFixtures.CONTRACT_NAME, "closed"), INTERVAL, EPOCH));
    }

    @Test
    void heartbeatReportsTheStartAsLastActivityWhenTheNodeHasDoneNothing() {
        broadcaster.start();

        scheduler.advance(INTERVAL);

        assertThat(NodeHeartbeat.fromPayload(publisher.attempts(EventTypes.NODE_HEARTBEAT).get(0).payload())
                .lastActivityTimestamp()).isEqualTo(Instant.ofEpochMilli(EPOCH));
    }

    @Test
    void heartbeatHealthFollowsTheBreakerState() {
        broadcaster.start();

        status.breakerState = BreakerState.OPEN;
        scheduler.advance(INTERVAL);
        status.breakerState = BreakerState.HALF_OPEN;
        scheduler.advance(INTERVAL);
        status.breakerState = BreakerState.CLOSED;
        scheduler.advance(INTERVAL);

        assertThat(publisher.attempts(EventTypes.NODE_HEARTBEAT))
                .extracting(h -> h.payload().get(IntrospectionFields.HEALTH_STATUS),
                        h -> ((Map<?, ?>) h.payload().get(IntrospectionFields.CIRCUIT_BREAKERS))
                                .get(IntrospectionFixtures.CONTRACT_NAME))
                .containsExactly(
                        tuple("unhealthy", "open"),
                        tuple("recovering", "half_open"),
                        tuple("healthy", "closed"));
    }

    @Test
    void heartbeatHealthIsTheWorseOfTheBreakersAndTheConsumerGroupsLagVerdict() {
        broadcaster.start();

        status.groupHealth = HealthStatus.DEGRADED;
        scheduler.advance(INTERVAL);
        status.groupHealth = HealthStatus.UNHEALTHY;
        scheduler.advance(INTERVAL);
        status.groupHealth = HealthStatus.DEGRADED;
        status.breakerState = BreakerState.OPEN;
        scheduler.advance(INTERVAL);

        assertThat(publisher.attempts(EventTypes.NODE_HEARTBEAT))
                .extracting(h -> h.payload().get(IntrospectionFields.HEALTH_STATUS))
                .containsExactly("degraded", "unhealthy", "unhealthy");
    }

    @Test
    void failedHeartbeatPublishesDoNotStopLaterHeartbeats() {
        broadcaster.start();
        publisher.failNext(new IllegalStateException("broker down"))
                .throwNext(new IllegalStateException("producer closed"));

        scheduler.advance(INTERVAL.multipliedBy(3));

        assertThat(publisher.attempts(EventTypes.NODE_HEARTBEAT)).hasSize(3);
        assertThat(registry.get(IntrospectionBroadcaster.PUBLISH_FAILURES)
                .tag("node_id", NODE_ID).tag("event_type", EventTypes.NODE_HEARTBEAT).counter().count())
                .isEqualTo(2.0);
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
    }

    @Test
    void failingResourceSamplingStillSendsTheHeartbeat() {
        IntrospectionBroadcaster b = new IntrospectionBroadcaster(IntrospectionFixtures.descriptor(), status, publisher,
                clock, scheduler, registry, () -> {
                    throw new UnsupportedOperationException("no MXBean");
                });
        b.start();

        scheduler.advance(INTERVAL);

        assertThat(NodeHeartbeat.fromPayload(publisher.attempts(EventTypes.NODE_HEARTBEAT).get(0).payload())
                .resourceUsage()).isEqualTo(ResourceUsage.NONE);
    }

    @Test
    void answerCarriesTheRequestCorrelationId() {
        broadcaster.start();

        assertThat(broadcaster.answer(RegistryIntrospectionRequest.toAll("registry-1", RegistryRequestReason.STARTUP),
                "request-corr-9").toCompletableFuture()).isCompleted();

        OutboundEvent answer = publisher.attempts().get(1);
        assertThat(answer.eventType()).isEqualTo(EventTypes.NODE_INTROSPECTION);
        assertThat(answer.correlationId()).isEqualTo("request-corr-9");
        assertThat(answer.payload().get(IntrospectionFields.REASON)).isEqualTo("registry_request");
    }

    @Test
    void answerOnlyWhenTheRequestTargetsThisNodeType() {
        broadcaster.start();

        broadcaster.answer(new RegistryIntrospectionRequest("registry-1", RegistryRequestReason.MANUAL,
                List.of("reducer", "effect"), 5000), "c-1");
        broadcaster.answer(new RegistryIntrospectionRequest("registry-1", RegistryRequestReason.MANUAL,
                List.of("orchestrator"), 5000), "c-2");

        assertThat(publisher.attempts()).extracting(OutboundEvent::correlationId).containsExactly(null, "c-2");
    }

    @Test
    void failedAnswerCompletesExceptionallyAndIsCounted() {
        broadcaster.start();
        publisher.failNext(new IllegalStateException("broker down"));

        assertThat(broadcaster.answer(RegistryIntrospectionRequest.toAll("registry-1", RegistryRequestReason.REFRESH),
                "c-1").toCompletableFuture()).isCompletedExceptionally();
        assertThat(registry.get(IntrospectionBroadcaster.PUBLISH_FAILURES)
                .tag("event_type", EventTypes.NODE_INTROSPECTION).counter().count()).isEqualTo(1.0);
    }

    @Test
    void nodeThatHasNotStartedDoesNotAnswer() {
        broadcaster.answer(RegistryIntrospectionRequest.toAll("registry-1", RegistryRequestReason.STARTUP), "c-1");

        assertThat(publisher.attempts()).isEmpty();
    }

    @Test
    void closePublishesShutdownIntrospectionAndStopsHeartbeats() {
        broadcaster.start();
        scheduler.advance(INTERVAL);

        broadcaster.close();
        scheduler.advance(INTERVAL.multipliedBy(3));

        assertThat(publisher.attempts()).extracting(OutboundEvent::eventType).containsExactly(
                EventTypes.NODE_INTROSPECTION, EventTypes.NODE_HEARTBEAT, EventTypes.NODE_INTROSPECTION);
        assertThat(publisher.attempts().get(2).payload().get(IntrospectionFields.REASON)).isEqualTo("shutdown");
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void abandonStopsHeartbeatsWithoutAShutdownIntrospection() {
        broadcaster.start();
        scheduler.advance(INTERVAL);

        broadcaster.abandon();
        broadcaster.close();
        scheduler.advance(INTERVAL.multipliedBy(3));

        assertThat(publisher.attempts()).extracting(OutboundEvent::eventType).containsExactly(
                EventTypes.NODE_INTROSPECTION, EventTypes.NODE_HEARTBEAT);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void closeIsIdempotent() {
        broadcaster.start();

        broadcaster.close();
        broadcaster.close();

        assertThat(publisher.attempts(EventTypes.NODE_INTROSPECTION)).hasSize(2);
    }

    @Test
    void closeDoesNotThrowWhenTheShutdownIntrospectionFails() {
        broadcaster.start();
        publisher.throwNext(new IllegalStateException("producer closed"));

        broadcaster.close();

        assertThat(registry.get(IntrospectionBroadcaster.PUBLISH_FAILURES)
                .tag("event_type", EventTypes.NODE_INTROSPECTION).counter().count()).isEqualTo(1.0);
    }

    @Test
    void closeBeforeStartAnnouncesNothing() {
        broadcaster.close();

        assertThat(publisher.attempts()).isEmpty();
        assertThatThrownBy(broadcaster::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("introspection of node orchestrator-7f3a cannot start: it is closed");
    }

    @Test
    void startTwiceIsRefused() {
        broadcaster.start();

        assertThatThrownBy(broadcaster::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("introspection of node orchestrator-7f3a cannot start: it is already started");
    }
}
