package io.onex.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.RuntimeStartupException;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.pipeline.CallOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

class NodeTestKitTest {

    private static final Path ECHO = Path.of("src/test/resources/it-contracts/uppercase_echo.yaml");
    private static final Path DOUBLING = Path.of("src/test/resources/step-invoker-contracts/doubling_compute.yaml");

    private static EventEnvelope input(Map<String, Object> payload) {
        return EventEnvelope.create("IT_INPUT", java.util.UUID.randomUUID().toString(), null,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), new EventSource("test", "effect", "test-1"), Map.of(),
                payload);
    }

    @Test
    void deliveredEnvelopeIsProcessedAndItsEventPublishedUnderTheTriggersCorrelation() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            EventEnvelope in = input(Map.of("text", "hello"));

            assertThat(kit.deliver(in)).isCompletedWithValue(RecordOutcome.PROCESSED);

            assertThat(kit.publishedTo("onex.evt.it-echoed.v1")).singleElement().satisfies(p -> {
                assertThat(p.topic()).isEqualTo("dev.omninode_bridge.onex.evt.it-echoed.v1");
                assertThat(p.eventType()).isEqualTo("IT_ECHOED");
                assertThat(p.payload()).containsEntry("text", "HELLO");
                assertThat(p.envelope().correlationId()).isEqualTo(in.correlationId());
                assertThat(p.envelope().causationId()).isEqualTo(in.eventId());
                assertThat(p.envelope().source().nodeId()).isEqualTo(kit.nodeId());
            });
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void failingRecordIsRetriedOnlyAsTheTestAdvancesTimeThenDeadLettered() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            var done = kit.deliver(input(Map.of("text", "x", "fail", true)));

            assertThat(done).isNotDone(); // first attempt failed; the retry waits for its backoff (50 ms ± 10%)
            kit.advance(Duration.ofMillis(40));
            assertThat(done).isNotDone();

            kit.advance(Duration.ofSeconds(1));

            assertThat(done).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.scheduler().requestedDelays()).anySatisfy(d -> assertThat(d).isBetween(
                    Duration.ofMillis(45), Duration.ofMillis(55)));
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo("dev.omninode_bridge.onex.evt.it-input.v1.dlq");
                assertThat(d.originalTopic()).isEqualTo("dev.omninode_bridge.onex.evt.it-input.v1");
                assertThat(d.errorType()).isEqualTo("java.io.IOException");
                assertThat(d.errorMessage()).isEqualTo("downstream unavailable");
                assertThat(d.retryCount()).isEqualTo(3);
                assertThat(d.originalEnvelope()).containsKey("event_id");
            });
            assertThat(kit.published()).isEmpty();
        }
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreDeadLetteredWithTheirRawValue() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            var done = kit.deliverBytes("onex.evt.it-input.v1", null, "not json".getBytes(StandardCharsets.UTF_8));

            assertThat(done).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.value()).containsKey("original_value_base64");
                assertThat(d.errorType()).isEqualTo("io.onex.api.InvalidInputException");
            });
        }
    }

    @Test
    void heldSendKeepsTheRecordPendingUntilTheTestCompletesIt() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).holdSends().build()) {
            var done = kit.deliver(input(Map.of("text", "x")));
            assertThat(done).isNotDone();

            assertThat(kit.producer().completeNext()).isTrue();

            assertThat(done).isCompletedWithValue(RecordOutcome.PROCESSED);
        }
    }

    @Test
    void heldSendsAreAnsweredOldestFirstUntilOneToTheGivenTopic() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).holdSends().build()) {
            var first = kit.deliver(input(Map.of("text", "a")));
            var second = kit.deliver(input(Map.of("text", "b")));
            kit.advance(Duration.ofSeconds(1)); // a heartbeat is held behind them

            assertThat(kit.acknowledgeSendsUntil(BridgeTopics.NODE_HEARTBEAT)).isTrue();

            assertThat(first).isCompletedWithValue(RecordOutcome.PROCESSED);
            assertThat(second).isCompletedWithValue(RecordOutcome.PROCESSED);
            assertThat(kit.refuseNextSend(new NotEnoughReplicasException("down"))).isTrue(); // the heartbeat
            assertThat(kit.acknowledgeNextSend()).isFalse();
            assertThat(kit.acknowledgeSendsUntil("onex.evt.it-echoed.v1")).isFalse();
        }
    }

    @Test
    void answeringSendsOfAKitThatDoesNotHoldThemIsAMistakeSaidAsSuch() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            assertThatThrownBy(kit::acknowledgeNextSend).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("build it with holdSends()");
        }
    }

    @Test
    void failedSendIsRetriedWhenTheProducerReportsABrokerError() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).holdSends().build()) {
            var done = kit.deliver(input(Map.of("text", "x")));
            assertThat(kit.producer().errorNext(new NotEnoughReplicasException("not enough replicas"))).isTrue();
            assertThat(done).isNotDone();

            kit.advance(Duration.ofMillis(100)); // the second attempt sends again
            assertThat(kit.producer().completeNext()).isTrue();

            assertThat(done).isCompletedWithValue(RecordOutcome.PROCESSED);
            assertThat(kit.publishedTo("onex.evt.it-echoed.v1")).hasSize(2); // the failed send is in the history too
        }
    }

    @Test
    void callRunsAComputeNodeThroughThePipelineWithAMapInput() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(DOUBLING).build()) {
            Object out = kit.call(Map.of("n", 21), CallOptions.builder().correlationId("corr-1").build()).join();

            assertThat(out).isEqualTo(Map.of("n", 42, "correlation_id", "corr-1"));
        }
    }

    @Test
    void nodesRunAlongsideAreWiredForTheNodeUnderTestToCall() throws Exception {
        Path relay = Path.of("src/test/resources/step-invoker-contracts/relay_effect.yaml");
        try (NodeTestKit kit = NodeTestKit.forContract(relay).alongside(DOUBLING).build()) {
            Object out = kit.call(Map.of("n", 5), CallOptions.builder().correlationId("corr-2").build()).join();

            assertThat(out).isEqualTo(Map.of("n", 10, "correlation_id", "corr-2"));
            assertThat(kit.contract().name()).isEqualTo("relay_effect");
        }
    }

    @Test
    void heartbeatsAndIntrospectionAreSentButNotCountedAsTheNodesEvents() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            kit.advance(Duration.ofSeconds(3)); // heartbeat every 1 s

            assertThat(kit.producer().history()).extracting(r -> r.topic())
                    .contains(kit.topic(BridgeTopics.NODE_INTROSPECTION), kit.topic(BridgeTopics.NODE_HEARTBEAT));
            assertThat(kit.published()).isEmpty();
        }
    }

    @Test
    void deliverOnANodeThatSubscribesToNothingSaysToCallIt() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(DOUBLING).build()) {
            assertThatThrownBy(() -> kit.deliver(input(Map.of())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("doubling_compute subscribes to no topic");
        }
    }

    @Test
    void contractNamingAClassThatIsNotThereFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> NodeTestKit.forContract(Path.of("src/test/resources/cli/missing_class.yaml")).build())
                .isInstanceOf(RuntimeStartupException.class)
                .hasMessageContaining("missing_class.yaml");
    }
}
