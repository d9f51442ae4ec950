package io.onex.runtime.dashboard;

import static io.onex.runtime.workflow.WorkflowEventFields.DEPENDS_ON;
import static io.onex.runtime.workflow.WorkflowEventFields.DURATION_MS;
import static io.onex.runtime.workflow.WorkflowEventFields.ERROR_MESSAGE;
import static io.onex.runtime.workflow.WorkflowEventFields.ERROR_TYPE;
import static io.onex.runtime.workflow.WorkflowEventFields.FAILED_STEP;
import static io.onex.runtime.workflow.WorkflowEventFields.NODE_NAME;
import static io.onex.runtime.workflow.WorkflowEventFields.PARENT_STEP;
import static io.onex.runtime.workflow.WorkflowEventFields.STEP_COUNT;
import static io.onex.runtime.workflow.WorkflowEventFields.STEP_NAME;
import static io.onex.runtime.workflow.WorkflowEventFields.STEP_ORDER;
import static io.onex.runtime.workflow.WorkflowEventFields.STEP_STATUS;
import static io.onex.runtime.workflow.WorkflowEventFields.STEP_TYPE;
import static io.onex.runtime.workflow.WorkflowEventFields.WORKFLOW_ID;
import static io.onex.runtime.workflow.WorkflowEventFields.WORKFLOW_STATE;
import static io.onex.runtime.workflow.WorkflowEventFields.WORKFLOW_TYPE;
import static io.onex.runtime.workflow.WorkflowEventFields.WORKFLOW_VERSION;

import io.onex.api.EventEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recent workflow runs, folded from the workflow events (WIRE.md: started, step completed, completed, failed;
 * every spelling of the event-type table). Keeps the {@code capacity} most recently started runs. Thread-safe.
 */
public final class WorkflowRunBoard {

    private final int capacity;
    private final Map<String, RunState> runs = new LinkedHashMap<>();

    /** @param capacity how many runs are kept: the oldest started are dropped first */
    public WorkflowRunBoard(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be greater than or equal to 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Folds one event in; events that are not workflow events, or have no {@code workflow_id}, are ignored.
     *
     * @return whether the event was a workflow event of a run
     */
    public synchronized boolean accept(EventEnvelope event) {
        Map<String, Object> p = event.payload();
        String id = text(p.get(WORKFLOW_ID));
        Kind kind = Kind.of(event.eventType());
        if (id.isEmpty() || kind == null) {
            return false;
        }
        RunState run = runs.computeIfAbsent(id, k -> new RunState(id, event));
        run.type = orElse(text(p.get(WORKFLOW_TYPE)), run.type);
        run.version = orElse(text(p.get(WORKFLOW_VERSION)), run.version);
        switch (kind) {
            case STARTED -> {
                run.startedAt = event.timestamp().toEpochMilli();
                run.stepCount = (int) number(p.get(STEP_COUNT));
                run.status = run.finished ? run.status : orElse(text(p.get(WORKFLOW_STATE)), "processing");
            }
            case STEP -> run.steps.put(text(p.get(STEP_NAME)), step(p));
            case COMPLETED, FAILED -> {
                run.finished = true;
                run.status = orElse(text(p.get(WORKFLOW_STATE)), kind == Kind.COMPLETED ? "completed" : "failed");
                run.durationMs = number(p.get(DURATION_MS));
                if (kind == Kind.FAILED) {
                    String step = text(p.get(FAILED_STEP));
                    run.error = orElse(text(p.get(ERROR_TYPE)), "error") + ": " + text(p.get(ERROR_MESSAGE))
                            + (step.isEmpty() ? "" : " (step " + step + ")");
                }
            }
            default -> {
            }
        }
        trim();
        return true;
    }

    /** The runs now, newest start first. */
    public synchronized RunsView view(Instant now) {
        List<RunsView.Run> list = new ArrayList<>();
        runs.values().stream().sorted(Comparator.comparingLong((RunState r) -> r.startedAt).reversed())
                .forEach(r -> list.add(r.view(now)));
        return new RunsView(now.toEpochMilli(), list);
    }

    /** One run, if it is kept. */
    public synchronized Optional<RunsView.Run> run(String workflowId, Instant now) {
        return Optional.ofNullable(runs.get(workflowId)).map(r -> r.view(now));
    }

    private void trim() {
        while (runs.size() > capacity) {
            RunState oldest = runs.values().stream().min(Comparator.comparingLong(r -> r.startedAt)).orElseThrow();
            runs.remove(oldest.id);
        }
    }

    private static RunsView.Step step(Map<String, Object> p) {
        List<String> deps = p.get(DEPENDS_ON) instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of();
        return new RunsView.Step(text(p.get(STEP_NAME)), (int) number(p.get(STEP_ORDER)), text(p.get(STEP_TYPE)),
                text(p.get(NODE_NAME)), text(p.get(STEP_STATUS)), number(p.get(DURATION_MS)), deps,
                text(p.get(PARENT_STEP)), text(p.get(ERROR_MESSAGE)));
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static String orElse(String v, String fallback) {
        return v.isEmpty() ? fallback : v;
    }

    private static long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? 0 : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** The workflow events a run is made of, by every spelling of WIRE.md's table. */
    private enum Kind {
        STARTED, STEP, COMPLETED, FAILED, TRANSITION;

        static Kind of(String eventType) {
            return switch (eventType.toUpperCase(Locale.ROOT)) {
                case "STAMP_WORKFLOW_STARTED", "WORKFLOW_STARTED" -> STARTED;
                case "WORKFLOW_STEP_COMPLETED", "STEP_COMPLETED" -> STEP;
                case "STAMP_WORKFLOW_COMPLETED", "WORKFLOW_COMPLETED" -> COMPLETED;
                case "STAMP_WORKFLOW_FAILED", "WORKFLOW_FAILED" -> FAILED;
                case "WORKFLOW_STATE_TRANSITION", "STATE_TRANSITION" -> TRANSITION;
                default -> null;
            };
        }
    }

    /** What is known of one run so far. */
    private static final class RunState {
        final String id;
        final String correlationId;
        final Map<String, RunsView.Step> steps = new LinkedHashMap<>();
        String type = "";
        String version = "";
        String status = "processing";
        String error = "";
        long startedAt;
        long durationMs;
        int stepCount;
        boolean finished;

        RunState(String id, EventEnvelope first) {
            this.id = id;
            this.correlationId = first.correlationId();
            this.startedAt = first.timestamp().toEpochMilli();
        }

        RunsView.Run view(Instant now) {
            long duration = finished ? durationMs : Math.max(0, now.toEpochMilli() - startedAt);
            List<RunsView.Step> ordered = steps.values().stream()
                    .sorted(Comparator.comparingInt(RunsView.Step::order)).toList();
            return new RunsView.Run(id, type, version, correlationId, status, startedAt, duration, stepCount, error,
                    ordered);
        }
    }
}
