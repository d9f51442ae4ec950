/**
 * The bridge events' vocabulary: the {@code event_type} values and {@code payload} field names that the bridge
 * nodes write and read, in one place both sides use (WIRE.md). Topics are in {@link io.onex.api.topic.BridgeTopics};
 * the workflow events' fields ({@code workflow_id}, {@code workflow_state}, {@code step_name}, ...) are in
 * {@code io.onex.runtime.workflow.WorkflowEventFields}, next to the engine that writes them.
 *
 * <p>Our producers put every field under the envelope's {@code payload}, never at its top level; consumers read the
 * Python services' shape too ({@link io.onex.api.bridge.ConsumedBridgeEvents}), and decide what an event is by its topic
 * first ({@link io.onex.api.bridge.BridgeEventTypes}).
 */
package io.onex.api.bridge;
