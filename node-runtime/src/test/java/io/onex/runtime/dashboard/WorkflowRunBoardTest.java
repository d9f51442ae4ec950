package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowRunBoardTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private final WorkflowRunBoard board = new WorkflowRunBoard(2);
    private final ObjectMapper mapper = new ObjectMapper();

    private static EventEnvelope event(String type, Instant at, Object... fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            payload.put((String) fields[i], fields[i + 1]);
        }
        return EventEnvelope.create(type, "corr-" + payload.get("workflow_id"), null, at,
                new EventSource("svc", "orchestrator", "wf-engine"), Map.of(), payload);
    }

    private static EventEnvelope started(String id, Instant at) {
        return event("STAMP_WORKFLOW_STARTED", at, "workflow_id", id, "workflow_type", "ingest", "workflow_version",
                "1.2.0", "workflow_state", "processing", "step_count", 3);
    }

    private JsonNode json(Instant now) {
        return mapper.valueToTree(board.view(now));
    }

    @Test
    void aCompletedRunShowsItsStatusDurationAndStepsWithTheirGraph() {
        board.accept(started("r1", T0));
        board.accept(event("WORKFLOW_STEP_COMPLETED", T0.plusMillis(50), "workflow_id", "r1", "step_name", "fetch",
                "step_order", 0, "step_type", "effect", "node_name", "fetcher", "step_status", "completed",
                "duration_ms", 50, "depends_on", List.of()));
        board.accept(event("WORKFLOW_STEP_COMPLETED", T0.plusMillis(90), "workflow_id", "r1", "step_name", "store",
                "step_order", 1, "step_type", "compute", "step_status", "failed", "duration_ms", 40,
                "depends_on", List.of("fetch"), "parent_step", "both", "error_message", "<b>disk</b> full"));
        board.accept(event("STAMP_WORKFLOW_FAILED", T0.plusMillis(95), "workflow_id", "r1", "workflow_state",
                "failed", "duration_ms", 95, "error_type", "IOException", "error_message", "<b>disk</b> full",
                "failed_step", "store"));

        JsonNode run = json(T0.plusSeconds(60)).path("runs").get(0);

        assertThat(run.path("workflowId").asText()).isEqualTo("r1");
        assertThat(run.path("workflowType").asText()).isEqualTo("ingest");
        assertThat(run.path("workflowVersion").asText()).isEqualTo("1.2.0");
        assertThat(run.path("correlationId").asText()).isEqualTo("corr-r1");
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("startedAt").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(run.path("durationMs").asLong()).isEqualTo(95);
        assertThat(run.path("stepCount").asInt()).isEqualTo(3);
        assertThat(run.path("error").asText()).isEqualTo("IOException: <b>disk</b> full (step store)");
        JsonNode store = run.path("steps").get(1);
        assertThat(store.path("name").asText()).isEqualTo("store");
        assertThat(store.path("status").asText()).isEqualTo("failed");
        assertThat(store.path("dependsOn").get(0).asText()).isEqualTo("fetch");
        assertThat(store.path("parent").asText()).isEqualTo("both");
        assertThat(store.path("node").asText()).isEmpty();
        assertThat(run.path("steps").get(0).path("node").asText()).isEqualTo("fetcher");
    }

    @Test
    void aRunStillProcessingCountsItsDurationUpToNow() {
        board.accept(started("r1", T0));

        JsonNode run = json(T0.plusSeconds(3)).path("runs").get(0);

        assertThat(run.path("status").asText()).isEqualTo("processing");
        assertThat(run.path("durationMs").asLong()).isEqualTo(3_000);
    }

    @Test
    void readsThePythonServicesSpellingsAndIgnoresOtherEvents() {
        assertThat(board.accept(event("WORKFLOW_STARTED", T0, "workflow_id", "r1"))).isTrue();
        assertThat(board.accept(event("workflow_completed", T0.plusMillis(5), "workflow_id", "r1", "duration_ms",
                5))).isTrue();
        assertThat(board.accept(event("NODE_HEARTBEAT", T0, "workflow_id", "r1"))).isFalse();
        assertThat(board.accept(event("STEP_COMPLETED", T0, "step_name", "a"))).as("no workflow_id").isFalse();

        assertThat(json(T0).path("runs").get(0).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void keepsTheMostRecentlyStartedRunsNewestFirst() {
        board.accept(started("r1", T0));
        board.accept(started("r2", T0.plusSeconds(1)));
        board.accept(started("r3", T0.plusSeconds(2)));

        JsonNode runs = json(T0.plusSeconds(3)).path("runs");

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("workflowId").asText()).isEqualTo("r3");
        assertThat(runs.get(1).path("workflowId").asText()).isEqualTo("r2");
        assertThat(board.run("r1", T0)).isEmpty();
    }
}
