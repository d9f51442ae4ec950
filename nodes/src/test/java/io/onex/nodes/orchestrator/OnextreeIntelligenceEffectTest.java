package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OnextreeIntelligenceEffectTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final InProcessSteps steps = new InProcessSteps(events, clock, scheduler);

    private static IntelligenceMessage ask() {
        return new IntelligenceMessage(true, "wf-1", "abc", "a.md", "docs", "text/markdown", 3L, null, null);
    }

    private CompletableFuture<IntelligenceOutcome> request(OnextreeIntelligenceEffect node, IntelligenceMessage in) {
        return node.executeEffect(in, steps.context("onextree_intelligence_effect", "corr-1", null))
                .toCompletableFuture();
    }

    private IntelligenceOutcome respond(IntelligenceMessage response) {
        EventEnvelope trigger = EventEnvelope.create("ONEXTREE_INTELLIGENCE_RESPONSE", "corr-1", null, clock.instant(),
                new EventSource("svc", "effect", "responder"), Map.of(), Map.of());
        return steps.intelligence.executeEffect(response, steps.context("onextree_intelligence_effect", "corr-1",
                trigger)).toCompletableFuture().join();
    }

    private static NodeContract withConfig(String key, String value) {
        NodeContract c = InProcessSteps.contract("onextree_intelligence_effect");
        Map<String, Object> config = new HashMap<>(c.config());
        config.put(key, value);
        return c.toBuilder().config(config).build();
    }

    @Test
    void notRequestedAnswersAtOnceWithoutPublishing() {
        IntelligenceOutcome o = request(steps.intelligence, new IntelligenceMessage(false, "wf-1", "abc", "a.md", "docs",
                "text/markdown", 3L, null, null)).join();

        assertThat(o.intelligenceStatus()).isEqualTo("not_requested");
        assertThat(events.attempts()).isEmpty();
    }

    @Test
    void aResponseNobodyWaitsForIsIgnored() {
        IntelligenceOutcome o = respond(new IntelligenceMessage(null, null, null, null, null, null, null, "req-unknown",
                Map.of("x", 1)));

        assertThat(o.intelligenceStatus()).isEqualTo("unmatched");
        assertThat(events.attempts()).isEmpty();
    }

    @Test
    void aResponseWithoutRequestIdOrAnswerIsInvalidAndLeavesTheRequestWaiting() {
        CompletableFuture<IntelligenceOutcome> waiting = request(steps.intelligence, ask());

        assertThatThrownBy(() -> respond(new IntelligenceMessage(null, null, null, null, null, null, null, null,
                Map.of()))).isInstanceOf(InvalidInputException.class).hasMessage("request_id: required in an "
                        + "intelligence response, expected the request_id of the ONEXTREE_INTELLIGENCE_REQUESTED event "
                        + "it answers");
        String requestId = (String) events.attempts(StampEventFields.INTELLIGENCE_REQUESTED).get(0).payload()
                .get(StampEventFields.REQUEST_ID);
        assertThatThrownBy(() -> respond(new IntelligenceMessage(null, null, null, null, null, null, null, requestId,
                null))).isInstanceOf(InvalidInputException.class)
                .hasMessage("intelligence: required in an intelligence response, expected a JSON object (request_id "
                        + requestId + ")");
        assertThat(waiting).isNotDone();
        assertThat(steps.intelligence.pendingRequests()).isEqualTo(1);
    }

    @Test
    void aRequestThatCannotBePublishedFailsAtOnceAndWaitsForNothing() {
        events.failNext(new IllegalStateException("broker down"));

        CompletableFuture<IntelligenceOutcome> call = request(steps.intelligence, ask());
        scheduler.runDue(); // the failure is handed to the scheduler, off the producer's thread

        IntelligenceOutcome o = call.join();

        assertThat(o.intelligenceStatus()).isEqualTo("failed");
        assertThat(steps.intelligence.pendingRequests()).isZero();
        assertThat(events.attempts(StampEventFields.INTELLIGENCE_RECEIVED).get(0).payload())
                .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "failed");
    }

    @Test
    void aPublisherThatThrowsFailsTheRequestAtOnce() {
        events.throwNext(new IllegalStateException("producer closed"));

        IntelligenceOutcome o = request(steps.intelligence, ask()).join();

        assertThat(o.intelligenceStatus()).isEqualTo("failed");
        assertThat(steps.intelligence.pendingRequests()).isZero();
    }

    @Test
    void beyondMaxPendingARequestFailsInsteadOfQueueing() {
        OnextreeIntelligenceEffect node = new OnextreeIntelligenceEffect(withConfig("max_pending", "1"), scheduler);
        CompletableFuture<IntelligenceOutcome> first = request(node, ask());

        IntelligenceOutcome second = request(node, ask()).join();

        assertThat(second.intelligenceStatus()).isEqualTo("failed");
        assertThat(first).isNotDone();
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(first.join().intelligenceStatus()).isEqualTo("timed_out");
        assertThat(node.pendingRequests()).isZero();
    }

    @Test
    void aTimeoutNotShorterThanTheCallTimeoutIsAConfigurationError() {
        assertThatThrownBy(() -> new OnextreeIntelligenceEffect(withConfig("timeout", "30s"), scheduler))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("onextree_intelligence_effect.yaml: config.timeout: must be shorter than "
                        + "resilience.timeout (30000ms), else the pipeline cancels the wait first, but was 30000ms");
        assertThatThrownBy(() -> new OnextreeIntelligenceEffect(withConfig("timeuot", "3s"), scheduler))
                .hasMessageEndingWith("config.timeuot: unknown key, expected one of [max_pending, timeout]");
        assertThatThrownBy(() -> new OnextreeIntelligenceEffect(withConfig("timeout", "soon"), scheduler))
                .hasMessageEndingWith("config.timeout: expected a positive duration like 500ms, 5s or 1m, but was 'soon'");
    }
}
