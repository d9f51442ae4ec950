/**
 * The call pipeline: {@link io.onex.runtime.pipeline.NodeInvoker} runs every call of a node through retry, circuit
 * breaker and per-attempt timeout built from its contract, within an optional overall deadline, and routes final
 * failures to the dead-letter topic; {@link io.onex.runtime.pipeline.NodeRecordHandler} bridges a consumer loop to
 * it. The resilience4j wiring, the node context and the node's meters live in {@code internal}.
 */
package io.onex.runtime.pipeline;
