package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.nodes.orchestrator.RunRecord.RunState;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator across a restart, on virtual time: two orchestrators one after the other on one
 * {@link MemoryRunLog}, which plays the compacted topic that outlives the process.
 */
class OrchestratorRunLogTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final InProcessSteps steps = new InProcessSteps(events, clock, scheduler);
    private final MemoryRunLog log = new MemoryRunLog();

    private NodeBridgeOrchestrator start(String instance, String retention) throws Exception {
        NodeContract contract = InProcessSteps.contract("bridge_orchestrator");
        Map<String, Object> config = new HashMap<>(contract.config());
        config.put("workflow_threads", "0");
        config.put("run_log_retention", retention);
        NodeBridgeOrchestrator o = new NodeBridgeOrchestrator(contract.toBuilder().config(config).build(), steps,
                WorkflowEngine.builder().mapper(InProcessSteps.MAPPER).scheduler(scheduler).clock(clock)
                        .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS), events, InProcessSteps.MAPPER, log, instance);
        o.start(steps.context("stamp_input_validation", "start", null));
        return o;
    }

    private StampResult stamp(NodeBridgeOrchestrator o, String correlationId) {
        return o.orchestrate(StampRequest.ofText("a.txt", "docs", "content of " + correlationId)
                .withCorrelationId(correlationId), steps.context("stamp_input_validation", "call", null))
                .toCompletableFuture().join();
    }

    private List<RunState> statesOf(String correlationId) {
        return log.history().stream().filter(r -> r.correlationId().equals(correlationId)).map(RunRecord::state)
                .toList();
    }

    @Test
    void eachRunIsLoggedStartedThenStampedThenCompletedBeforeTheCallerIsAnswered() throws Exception {
        NodeBridgeOrchestrator o = start("a", "1h");

        StampResult r = stamp(o, "corr-1");

        assertThat(statesOf("corr-1")).containsExactly(RunState.STARTED, RunState.STAMPED, RunState.COMPLETED);
        RunRecord last = log.history().get(log.history().size() - 1);
        assertThat(last.result()).isEqualTo(r);
        assertThat(last.workflowId()).isEqualTo(r.workflowId());
        assertThat(last.instance()).isEqualTo("a");
    }

    @Test
    void anIdCompletedBeforeARestartIsAnsweredFromTheLogAfterItWithoutASecondStamp() throws Exception {
        NodeBridgeOrchestrator first = start("a", "1h");
        StampResult before = stamp(first, "corr-1");
        first.stop();

        NodeBridgeOrchestrator restarted = start("a", "1h");
        StampResult after = stamp(restarted, "corr-1");

        assertThat(after).isEqualTo(before);
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
        assertThat(events.attempts(WorkflowEventFields.STAMP_WORKFLOW_STARTED)).hasSize(1);
    }

    @Test
    void afterTheRetentionWindowTheSameIdRunsAgain() throws Exception {
        NodeBridgeOrchestrator first = start("a", "1h");
        stamp(first, "corr-1");
        first.stop();
        clock.advance(Duration.ofHours(1));

        NodeBridgeOrchestrator restarted = start("a", "1h");
        stamp(restarted, "corr-1");

        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(2);
    }

    @Test
    void aRunThisInstanceLeftStartedIsReportedFailedNamingTheRestartAndRunsAgainWhenAsked() throws Exception {
        log.append(RunRecord.started("corr-1", "wf-left", "a", "docs", clock.instant()));

        NodeBridgeOrchestrator restarted = start("a", "1h");

        List<OutboundEvent> failed = events.attempts(WorkflowEventFields.STAMP_WORKFLOW_FAILED);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).correlationId()).isEqualTo("corr-1");
        assertThat(failed.get(0).payload()).containsEntry(WorkflowEventFields.WORKFLOW_ID, "wf-left")
                .containsEntry(WorkflowEventFields.ERROR_MESSAGE, "interrupted by restart of instance a")
                .containsEntry(WorkflowEventFields.ERROR_TYPE, RunHistory.INTERRUPTED)
                .containsEntry(WorkflowEventFields.WORKFLOW_STATE, "failed")
                .containsEntry(WorkflowEventFields.NAMESPACE, "docs");
        assertThat(statesOf("corr-1")).containsExactly(RunState.STARTED, RunState.FAILED);

        StampResult again = stamp(restarted, "corr-1");

        assertThat(again.state()).isEqualTo("completed");
        assertThat(again.workflowId()).isNotEqualTo("wf-left");
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
    }

    @Test
    void aRunThisInstanceLeftStampedIsCompletedFromTheLogAndAnswersWithItsStamp() throws Exception {
        NodeBridgeOrchestrator first = start("a", "1h");
        StampResult stamped = stamp(first, "corr-1");
        first.stop();
        RunRecord started = RunRecord.started("corr-2", "wf-2", "a", "docs", clock.instant());
        StampResult stampOfTwo = new StampResult("wf-2", "corr-2", stamped.stampId(), stamped.fileHash(), "blake3",
                "docs", "a.txt", 1L, "text/plain", "txt", stamped.createdAt(), "not_requested", null, "completed", null);
        log.append(started);
        log.append(started.stamped(stampOfTwo, clock.instant())); // killed before its completed event

        NodeBridgeOrchestrator restarted = start("a", "1h");

        List<OutboundEvent> completed = events.attempts(WorkflowEventFields.STAMP_WORKFLOW_COMPLETED).stream()
                .filter(e -> "corr-2".equals(e.correlationId())).toList();
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).payload()).containsEntry(WorkflowEventFields.WORKFLOW_ID, "wf-2");
        assertThat(statesOf("corr-2")).containsExactly(RunState.STARTED, RunState.STAMPED, RunState.COMPLETED);
        assertThat(stamp(restarted, "corr-2")).isEqualTo(stampOfTwo);
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
    }

    @Test
    void aRunAnotherInstanceLeftStartedIsLeftToThatInstance() throws Exception {
        log.append(RunRecord.started("corr-1", "wf-b", "b", "docs", clock.instant()));

        start("a", "1h");

        assertThat(events.attempts(WorkflowEventFields.STAMP_WORKFLOW_FAILED)).isEmpty();
        assertThat(statesOf("corr-1")).containsExactly(RunState.STARTED);
    }

    @Test
    void aRunLogWriteThatFailsLeavesTheRunAndItsAnswerAlone() throws Exception {
        NodeBridgeOrchestrator o = start("a", "1h");
        log.failNextAppend(new IllegalStateException("broker gone"));

        StampResult r = stamp(o, "corr-1");

        assertThat(r.state()).isEqualTo("completed");
        assertThat(statesOf("corr-1")).containsExactly(RunState.STAMPED, RunState.COMPLETED);
    }

    @Test
    void anUnknownRunLogKindAndARetentionOutOfRangeStopTheOrchestratorNamingBoth() {
        NodeContract contract = InProcessSteps.contract("bridge_orchestrator");
        Map<String, Object> config = new HashMap<>(contract.config());
        config.put("run_log", "kafak");
        config.put("run_log_retention", "30s");
        NodeContract bad = contract.toBuilder().config(config).build();

        assertThatThrownBy(() -> new NodeBridgeOrchestrator(bad, steps, WorkflowEngine.builder(), events,
                InProcessSteps.MAPPER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config.run_log_retention: expected a duration from 60000ms to 31536000000ms, "
                        + "but was '30s'")
                .hasMessageContaining("config.run_log: expected kafka or memory, but was 'kafak'");
    }
}
