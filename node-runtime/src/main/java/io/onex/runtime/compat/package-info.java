/**
 * {@code onex compat OLD NEW}: the changes between two versions of a project's contracts, workflows and payload
 * schemas that break the services on the other side of a topic, a call or a workflow run, in the spirit of
 * {@code buf breaking} and Schema Registry's BACKWARD mode (new readers must read what old writers wrote; old callers
 * must still be served).
 *
 * <p>{@link io.onex.runtime.compat.CompatibilityCheck} is the entry point; each kind of file has its rules
 * ({@code ContractRules}, {@code WorkflowRules}, {@code PayloadSchemaRules}); every change is a located
 * {@link io.onex.runtime.compat.Change}.
 */
package io.onex.runtime.compat;
