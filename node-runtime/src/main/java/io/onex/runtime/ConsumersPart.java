package io.onex.runtime;

import io.onex.runtime.kafka.ConsumerLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One consumer loop per subscribing node, started once every node has started; closed in reverse order. */
final class ConsumersPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(ConsumersPart.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final NodesPart nodes;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final boolean privateNodeGroups;
    private final List<RunningNode> consuming = new ArrayList<>();

    ConsumersPart(NodesPart nodes, EmbeddedBrokerPart broker, SharedServicesPart shared, boolean privateNodeGroups) {
        this.nodes = nodes;
        this.privateNodeGroups = privateNodeGroups;
        this.broker = broker;
        this.shared = shared;
    }

    @Override
    public String name() {
        return "consumers";
    }

    @Override
    public void start() {
        for (RunningNode n : nodes.nodes().values()) {
            if (n.contract.subscribes()) {
                n.consumer = shared.services().consumers.forNode(n, broker.config(), privateNodeGroups);
                consuming.add(n);
                n.consumer.start();
            }
        }
    }

    @Override
    public void close() {
        for (int i = consuming.size() - 1; i >= 0; i--) {
            RunningNode n = consuming.get(i);
            try {
                n.consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("closing the consumer of {} failed: {}",
                        n.contract.name(), e.toString());
            }
        }
        consuming.clear();
    }
}
