/**
 * Node interfaces, the call context, the event envelope and the publisher seam.
 *
 * <p>A node is a class implementing one of {@link io.onex.api.EffectNode}, {@link io.onex.api.ComputeNode},
 * {@link io.onex.api.ReducerNode} or {@link io.onex.api.OrchestratorNode}, named by a YAML contract. The runtime
 * runs every call through retry, circuit breaker, timeout and dead-letter routing; the node only does its work,
 * and names what an attempt publishes ({@link io.onex.api.AttemptedEvent}) so that the runtime can dead-letter it if
 * the call fails for good.
 */
package io.onex.api;
