/**
 * The ONEX node API: what a node author compiles against.
 *
 * <p>Node interfaces ({@link io.onex.api.EffectNode} and its siblings), the event envelope, the publisher seam, batch
 * nodes for sinks that take a poll's records in one call ({@link io.onex.api.batch.BatchEffectNode}), a batcher for
 * nodes that write in bulk ({@link io.onex.api.batch.CallBatcher}), topic names, the contract model and the exceptions a node throws to steer retries. Nothing else: the runtime,
 * Kafka and resilience machinery live in {@code node-runtime}.
 */
module io.onex.api {
    exports io.onex.api;
    exports io.onex.api.batch;
    exports io.onex.api.bridge;
    exports io.onex.api.contract;
    exports io.onex.api.topic;
}
