package io.onex.runtime;

import io.onex.api.topic.BridgeTopics;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the runtime's producers' metadata in the background while the nodes start: a producer's first send waits
 * for it (a connection to the cluster and a metadata request, ~350 ms at start-up), and the first sends are the nodes'
 * start-up introspections at the end of the start. Only for a runtime that announces its nodes, and only for the
 * introspection topics, which it publishes to anyway: a metadata request may create a topic where the broker
 * auto-creates them. Nothing waits for it; a failure only leaves the first send to fetch the metadata itself.
 */
final class ProducerWarmUpPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUpPart.class);

    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final boolean announce;

    ProducerWarmUpPart(EmbeddedBrokerPart broker, SharedServicesPart shared, boolean announce) {
        this.broker = broker;
        this.shared = shared;
        this.announce = announce;
    }

    @Override
    public String name() {
        return "producer metadata";
    }

    @Override
    public void start() {
        if (!announce) {
            return;
        }
        List<String> topics = List.of(broker.config().resolveTopic(BridgeTopics.NODE_INTROSPECTION),
                broker.config().resolveTopic(BridgeTopics.NODE_HEARTBEAT));
        List<Producer<byte[], byte[]>> producers = shared.services().signals == shared.services().producer
                ? List.of(shared.services().producer) : List.of(shared.services().signals, shared.services().producer);
        for (Producer<byte[], byte[]> producer : producers) {
            Thread t = new Thread(() -> warmUp(producer, topics), "onex-producer-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void warmUp(Producer<byte[], byte[]> producer, List<String> topics) {
        try {
            topics.forEach(producer::partitionsFor);
        } catch (RuntimeException e) {
            // closed meanwhile, or the cluster is slow: the first send fetches the metadata itself
            log.debug("producer metadata not fetched ahead of the first send: {}", e.toString());
        }
    }

    /** Nothing to stop: the warm-up threads end with their request (a closed producer ends them at once). */
    @Override
    public void close() {
    }
}
