package io.onex.runtime.workflow;

import io.onex.api.contract.RetrySpec;
import java.time.Duration;

/**
 * The settings of one step's node call.
 *
 * @param workflowId the run's id
 * @param correlationId the run's correlation id, to be carried by every event the call publishes
 * @param step the step's name
 * @param retry retry policy replacing the contract's, or null for the contract's
 * @param deadline budget for the whole call (retries included): the smaller of the step's timeout and what is left
 *     of the workflow's, or null for none
 */
public record StepCall(String workflowId, String correlationId, String step, RetrySpec retry, Duration deadline) {
}
