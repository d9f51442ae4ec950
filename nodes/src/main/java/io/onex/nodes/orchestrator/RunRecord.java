package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the orchestrator's run log: where a stamping run stands, keyed (on the log's topic) by its correlation
 * id. The log keeps the latest record per correlation id; no content or payload is kept, only the outcome.
 *
 * @param correlationId the run's correlation id, the log's key
 * @param workflowId the run's id, as in its workflow events
 * @param state where the run stands
 * @param instance the orchestrator instance that ran it ({@code ONEX_INSTANCE_ID}); only that instance takes over
 *     the run after a restart
 * @param namespace the request's namespace (its events carry it)
 * @param at when the record was written, by the runtime's clock
 * @param result the stamp, once published ({@link RunState#STAMPED}, {@link RunState#COMPLETED}); else null
 * @param error why the run failed ({@link RunState#FAILED}); else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunRecord(String correlationId, String workflowId, RunState state, String instance, String namespace,
        Instant at, StampResult result, String error) {

    RunRecord {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(at, "at");
    }

    static RunRecord started(String correlationId, String workflowId, String instance, String namespace, Instant at) {
        return new RunRecord(correlationId, workflowId, RunState.STARTED, instance, namespace, at, null, null);
    }

    /** The stamp is out; the run is as good as completed (only its last events may be missing). */
    RunRecord stamped(StampResult stamp, Instant now) {
        return new RunRecord(correlationId, workflowId, RunState.STAMPED, instance, namespace, now, stamp, null);
    }

    RunRecord completed(StampResult stamp, Instant now) {
        return new RunRecord(correlationId, workflowId, RunState.COMPLETED, instance, namespace, now, stamp, null);
    }

    RunRecord failed(String why, Instant now) {
        return new RunRecord(correlationId, workflowId, RunState.FAILED, instance, namespace, now, null, why);
    }

    /** Where a run stands, in the order a run goes through them. */
    enum RunState {
        /** Its started event may be out; nothing else is known. */
        STARTED,
        /** Its stamp was published (the publish step's answer); its completed event may not be out yet. */
        STAMPED,
        /** Its completed event is out: terminal. */
        COMPLETED,
        /** Its failed event is out: terminal. */
        FAILED;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean terminal() {
            return this == COMPLETED || this == FAILED;
        }

        /** Whether a request for this correlation id is answered from the record instead of running again. */
        boolean answers() {
            return this == STAMPED || this == COMPLETED;
        }
    }
}
