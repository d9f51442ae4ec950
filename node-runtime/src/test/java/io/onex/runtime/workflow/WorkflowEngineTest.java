package io.onex.runtime.workflow;

import io.onex.runtime.inject.WorkflowModule;

import io.onex.runtime.testing.RecordingEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.workflow.StepResult.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {

    private final FakeNodes nodes = new FakeNodes();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WorkflowEngine engine = WorkflowEngine.builder().invoker(nodes).publisher(publisher)
            .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS).scheduler(scheduler).build();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    static WorkflowDefinition workflow(String yaml) throws WorkflowValidationException {
        return new WorkflowLoader(FakeNodes.TYPES).parse(yaml, Path.of("test.yaml"));
    }

    private static WorkflowResult await(WorkflowRun run) throws Exception {
        return run.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WorkflowResult run(String yaml, Map<String, ?> input) throws Exception {
        return await(engine.start(workflow(yaml), input));
    }

    @Test
    void runsStepsAfterTheirDependenciesAndPassesOutputsForward() throws Exception {
        WorkflowResult r = run("""
                name: chain
                version: 1.0.0
                inputs:
                  text: {type: string, required: true}
                steps:
                  - name: last
                    type: compute
                    node: echo
                    depends_on: [middle]
                    input: {value: "${middle.value}!"}
                  - name: middle
                    type: compute
                    node: echo
                    depends_on: [first]
                    input: {value: "${first.value}-2"}
                  - name: first
                    type: compute
                    node: echo
                    input: {value: "${input.text}"}
                outputs:
                  result: ${last.value}
                """, Map.of("text", "go"));

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        assertThat(nodes.started).containsExactly("first", "middle", "last");
        assertThat(r.outputs()).containsEntry("result", "go-2!");
    }

    @Test
    void startsIndependentStepsTogetherAndAJoinOnlyAfterBoth() throws Exception {
        WorkflowRun run = engine.start(workflow("""
                name: fan
                version: 1.0.0
                steps:
                  - {name: left, type: compute, node: gate}
                  - {name: right, type: compute, node: gate}
                  - name: join
                    type: compute
                    node: echo
                    depends_on: [left, right]
                    input: {sum: "${left.n + right.n}"}
                outputs:
                  sum: ${join.sum}
                """), Map.of());

        Awaitility.await().until(() -> nodes.started.containsAll(List.of("left", "right")));
        nodes.gate("left").complete(Map.of("n", 1));
        assertThat(nodes.started).doesNotContain("join");
        nodes.gate("right").complete(Map.of("n", 2));

        WorkflowResult r = await(run);
        assertThat(r.outputs()).containsEntry("sum", 3L);
    }

    @Test
    void withAStepExecutorIndependentBlockingStepsRunAtTheSameTime() throws Exception {
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            WorkflowEngine pooled = WorkflowEngine.builder().invoker(nodes).scheduler(scheduler).stepExecutor(pool).build();
            WorkflowResult r = await(pooled.start(workflow("""
                    name: blocking
                    version: 1.0.0
                    steps:
                      - {name: left, type: compute, node: meet}
                      - {name: right, type: compute, node: meet}
                    outputs:
                      both_met: ${left.met && right.met}
                    """), Map.of()));

            assertThat(r.outputs()).containsEntry("both_met", true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aValueThatIsOneExpressionKeepsItsTypeAndTextInterpolates() throws Exception {
        WorkflowResult r = run("""
                name: types
                version: 1.0.0
                inputs:
                  document_id: {type: string, required: true}
                  count: {type: integer}
                  tags: {type: array}
                steps:
                  - name: extract
                    type: compute
                    node: echo
                    input:
                      entities: ${input.tags}
                      meta: {count: "${input.count}"}
                outputs:
                  entities_count: ${extract.entities.length}
                  entities: ${extract.entities}
                  meta: ${extract.meta}
                  key: "doc:${input.document_id}:${input.count}:${extract.entities}"
                  big: ${input.count * 2 > 10 && input.document_id.startsWith('d')}
                """, Map.of("document_id", "d-1", "count", 7, "tags", List.of("a", "b")));

        assertThat(r.outputs()).containsEntry("entities_count", 2L)
                .containsEntry("entities", List.of("a", "b"))
                .containsEntry("meta", Map.of("count", 7L))
                .containsEntry("key", "doc:d-1:7:[\"a\",\"b\"]")
                .containsEntry("big", true);
    }

    @Test
    void aFalseConditionSkipsTheStepAndTheStepsAfterIt() throws Exception {
        WorkflowResult r = run("""
                name: when
                version: 1.0.0
                inputs:
                  size: {type: integer, required: true}
                steps:
                  - name: big
                    type: compute
                    node: echo
                    when: ${input.size > 100}
                  - name: small
                    type: compute
                    node: echo
                    when: input.size <= 100
                  - {name: after_big, type: compute, node: echo, depends_on: [big]}
                outputs:
                  branch: "${big == null ? 'small' : 'big'}"
                """, Map.of("size", 5));

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        assertThat(nodes.started).containsExactly("small");
        assertThat(r.step("big").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(r.step("after_big").orElseThrow().error()).isEqualTo("dependency 'big' was skipped");
        assertThat(r.outputs()).containsEntry("branch", "small");
    }

    @Test
    void aFailingStepFailsTheRunAndTheFailureHandlersReadTheError() throws Exception {
        WorkflowResult r = run("""
                name: fails
                version: 1.0.0
                inputs:
                  document_id: {type: string, required: true}
                steps:
                  - {name: extract, type: compute, node: fail}
                  - {name: store, type: compute, node: echo, depends_on: [extract]}
                error_handling:
                  on_step_failure:
                    - name: report
                      type: effect
                      node: publish
                      input:
                        document_id: ${input.document_id}
                        failed_step: ${error.step}
                        error_message: ${error.message}
                        error_type: ${error.type}
                """, Map.of("document_id", "d-9"));

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.FAILED);
        assertThat(r.error()).isEqualTo(new WorkflowResult.WorkflowError("extract", "boom in extract",
                "IllegalStateException"));
        assertThat(nodes.started).containsExactly("extract", "report");
        assertThat(r.step("store").orElseThrow().status()).isEqualTo(StepStatus.NOT_STARTED);
        assertThat(nodes.inputs.get("report")).isEqualTo(Map.of("document_id", "d-9", "failed_step", "extract",
                "error_message", "boom in extract", "error_type", "IllegalStateException"));
        assertThat(r.step("report").orElseThrow().status()).isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void onErrorContinueLetsTheStepsAfterItRunAndReadTheError() throws Exception {
        WorkflowResult r = run("""
                name: continues
                version: 1.0.0
                steps:
                  - {name: enrich, type: compute, node: fail, on_error: continue}
                  - name: store
                    type: compute
                    node: echo
                    depends_on: [enrich]
                    input: {enriched: "${!enrich.failed}", why: "${enrich.error.message}"}
                outputs:
                  stored: ${store}
                """, Map.of());

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        assertThat(r.step("enrich").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.outputs().get("stored")).isEqualTo(Map.of("enriched", false, "why", "boom in enrich"));
    }

    @Test
    void onErrorSkipSkipsTheStepAndItsDependentsButTheRunCompletes() throws Exception {
        WorkflowResult r = run("""
                name: skips
                version: 1.0.0
                steps:
                  - {name: optional, type: compute, node: fail, on_error: skip}
                  - {name: uses_it, type: compute, node: echo, depends_on: [optional]}
                  - {name: independent, type: compute, node: echo}
                """, Map.of());

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        assertThat(r.step("optional").orElseThrow()).extracting(StepResult::status, StepResult::error)
                .containsExactly(StepStatus.SKIPPED, "boom in optional");
        assertThat(r.step("uses_it").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(r.step("independent").orElseThrow().status()).isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void aParallelStepStartsItsNestedStepsTogetherAndOutputsThemByName() throws Exception {
        WorkflowRun run = engine.start(workflow("""
                name: par
                version: 1.0.0
                steps:
                  - name: fan_out
                    type: parallel
                    steps:
                      - {name: a, type: compute, node: gate}
                      - {name: b, type: compute, node: gate}
                  - name: after
                    type: compute
                    node: echo
                    depends_on: [fan_out]
                    input: {both: "${fan_out.a.v + fan_out.b.v}", a: "${a.v}"}
                outputs:
                  after: ${after}
                """), Map.of());

        Awaitility.await().until(() -> nodes.started.containsAll(List.of("a", "b")));
        assertThat(nodes.started).doesNotContain("after");
        nodes.gate("b").complete(Map.of("v", 2));
        nodes.gate("a").complete(Map.of("v", 1));

        WorkflowResult r = await(run);
        assertThat(r.outputs().get("after")).isEqualTo(Map.of("both", 3L, "a", 1L));
    }

    @Test
    void aStepThatOutlivesItsTimeoutFailsAndItsCallIsCancelled() throws Exception {
        WorkflowResult r = run("""
                name: slow
                version: 1.0.0
                steps:
                  - {name: stuck, type: compute, node: gate, timeout: 50ms}
                """, Map.of());

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.FAILED);
        assertThat(r.error()).isEqualTo(new WorkflowResult.WorkflowError("stuck", "step 'stuck' timed out after 50ms",
                "TimeoutException"));
        assertThat(nodes.gate("stuck")).isCancelled();
        assertThat(nodes.calls.get("stuck").deadline()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aRunThatOutlivesTheWorkflowTimeoutFailsAndReportsWhatFinished() throws Exception {
        WorkflowResult r = run("""
                name: slow_run
                version: 1.0.0
                timeout: 100ms
                steps:
                  - {name: quick, type: compute, node: echo}
                  - {name: stuck, type: compute, node: gate, depends_on: [quick]}
                  - {name: never, type: compute, node: echo, depends_on: [stuck]}
                """, Map.of());

        assertThat(r.status()).isEqualTo(WorkflowResult.Status.FAILED);
        assertThat(r.error()).isEqualTo(new WorkflowResult.WorkflowError(null, "workflow timed out after 100ms",
                "WorkflowTimeout"));
        assertThat(r.steps()).extracting(StepResult::status)
                .containsExactly(StepStatus.COMPLETED, StepStatus.CANCELLED, StepStatus.NOT_STARTED);
        assertThat(nodes.calls.get("stuck").deadline()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void cancellingStopsStepsNotStartedAndReportsThoseThatFinished() throws Exception {
        WorkflowRun run = engine.start(workflow("""
                name: cancel
                version: 1.0.0
                steps:
                  - {name: done_first, type: compute, node: echo}
                  - {name: running, type: compute, node: gate, depends_on: [done_first]}
                  - {name: later, type: compute, node: echo, depends_on: [running]}
                error_handling:
                  on_step_failure:
                    - {name: not_for_cancel, type: compute, node: echo}
                """), Map.of());
        Awaitility.await().until(() -> nodes.started.contains("running"));

        run.cancel();

        WorkflowResult r = await(run);
        assertThat(r.status()).isEqualTo(WorkflowResult.Status.CANCELLED);
        assertThat(r.steps()).extracting(StepResult::name, StepResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("done_first", StepStatus.COMPLETED),
                org.assertj.core.groups.Tuple.tuple("running", StepStatus.CANCELLED),
                org.assertj.core.groups.Tuple.tuple("later", StepStatus.NOT_STARTED),
                org.assertj.core.groups.Tuple.tuple("not_for_cancel", StepStatus.NOT_STARTED));
        assertThat(nodes.gate("running")).isCancelled();
    }

    @Test
    void stepRetryOverrideAndRunIdsReachTheInvoker() throws Exception {
        WorkflowRun run = engine.start(workflow("""
                name: retry
                version: 1.0.0
                steps:
                  - name: flaky
                    type: compute
                    node: echo
                    retry: {max_attempts: 5, initial_backoff: 10ms}
                """), Map.of(), "corr-1", WorkflowListener.NONE);
        await(run);

        StepCall call = nodes.calls.get("flaky");
        assertThat(call.retry().maxAttempts()).isEqualTo(5);
        assertThat(call.retry().initialBackoff()).isEqualTo(Duration.ofMillis(10));
        assertThat(call.correlationId()).isEqualTo("corr-1");
        assertThat(call.workflowId()).isEqualTo(run.workflowId());
    }

    @Test
    void inputProblemsAreAllReportedBeforeAnythingRuns() throws Exception {
        WorkflowDefinition wf = workflow("""
                name: inputs
                version: 1.0.0
                inputs:
                  document_id: {type: string, required: true}
                  count: {type: integer, default: 3}
                steps:
                  - {name: a, type: compute, node: echo}
                """);

        assertThatThrownBy(() -> engine.start(wf, Map.of("count", "three", "extra", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 input problems for workflow inputs: unknown input 'extra', expected one of document_id, "
                        + "count; input 'document_id' is required (string); input 'count' must be of type integer, "
                        + "but was String 'three'");
        assertThat(nodes.started).isEmpty();
        assertThat(publisher.attempts()).isEmpty();
    }

    @Test
    void anExpressionThatFailsAtRunTimeFailsItsStepWithTheLocation() throws Exception {
        WorkflowResult r = run("""
                name: bad_read
                version: 1.0.0
                steps:
                  - {name: a, type: compute, node: echo, input: {x: 1}}
                  - name: b
                    type: compute
                    node: echo
                    depends_on: [a]
                    input: {y: "${a.missing}"}
                """, Map.of());

        assertThat(r.error().step()).isEqualTo("b");
        assertThat(r.error().type()).isEqualTo("ExpressionError");
        assertThat(r.error().message()).startsWith("test.yaml:9:13: expression '${a.missing}' failed: ")
                .contains("missing");
    }
}
