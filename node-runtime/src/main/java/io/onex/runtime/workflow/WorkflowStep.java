package io.onex.runtime.workflow;

import io.onex.api.contract.RetrySpec;
import io.onex.runtime.workflow.internal.LiteralFields;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a workflow.
 *
 * @param name unique within the workflow; later steps read its output as {@code ${<name>.<field>}}
 * @param type what the step does
 * @param node the contract name of the node called ({@code effect}, {@code compute}, {@code reduce}), null for
 *     {@code parallel}
 * @param input the node's input, rendered just before the call; null for {@code parallel}
 * @param dependsOn the steps that must finish first
 * @param when a condition that must be true for the step to run, or null to always run
 * @param onError what a failure of this step does to the workflow
 * @param retry retry policy replacing the node contract's for this step, or null
 * @param timeout bound on the whole step including retries, or null for none (the contract's per-attempt timeout
 *     still applies)
 * @param steps the nested steps of a {@code parallel} step, run concurrently; empty otherwise
 * @param description what the step is for, or empty
 * @param location where the step is declared
 */
public record WorkflowStep(
        String name,
        Type type,
        String node,
        ValueTemplate input,
        List<String> dependsOn,
        ValueTemplate when,
        OnError onError,
        RetrySpec retry,
        Duration timeout,
        List<WorkflowStep> steps,
        String description,
        SourceLocation location) {

    public WorkflowStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(onError, "onError");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        steps = steps == null ? List.of() : List.copyOf(steps);
        description = description == null ? "" : description;
    }

    /** The condition, if any. */
    public Optional<ValueTemplate> condition() {
        return Optional.ofNullable(when);
    }

    /** What a step does. */
    /**
     * A top-level string field of the step's input written without expressions, known before any run (e.g. a fixed
     * {@code topic}).
     *
     * @return its text, or empty when absent, not a string, or computed by an expression
     */
    public Optional<String> literalInput(String field) {
        return input == null ? Optional.empty() : LiteralFields.string(input, field);
    }

    public enum Type {
        /** Calls an effect node through its pipeline. */
        EFFECT,
        /** Calls a compute node through its pipeline. */
        COMPUTE,
        /** Hands an intent to a reducer node through its pipeline. */
        REDUCE,
        /** Runs its nested steps concurrently; its output maps each nested step's name to that step's output. */
        PARALLEL;

        /** The word used in workflow files. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a failed step does to the workflow. */
    public enum OnError {
        /** The workflow fails (the default); {@code error_handling.on_step_failure} runs. */
        FAIL,
        /**
         * The workflow goes on; dependents run and read the step's output as
         * {@code {"failed": true, "error": {"step", "message", "type"}}}.
         */
        CONTINUE,
        /** The workflow goes on; the step counts as skipped, and so do the steps that depend on it. */
        SKIP;

        /** The word used in workflow files. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
