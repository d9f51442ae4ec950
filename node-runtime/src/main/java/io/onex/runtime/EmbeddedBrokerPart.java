package io.onex.runtime;

import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.EmbeddedBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an in-process Kafka broker when no {@code KAFKA_BOOTSTRAP_SERVERS} is configured, and holds the effective
 * configuration: the configured one, or the same pointing at the embedded broker. The broker is the artifact
 * {@value EmbeddedBroker#ARTIFACT}, found at run time (see {@link EmbeddedBroker}); without it start-up fails naming it.
 */
final class EmbeddedBrokerPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerPart.class);

    private volatile RuntimeConfig config;
    private EmbeddedBroker broker;

    EmbeddedBrokerPart(RuntimeConfig configured) {
        this.config = configured;
    }

    @Override
    public String name() {
        return "embedded broker";
    }

    @Override
    public void start() {
        if (config.bootstrapServers().isPresent()) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            broker = EmbeddedBroker.start();
            log.info("embedded Kafka broker started at {} in {} ms (no KAFKA_BOOTSTRAP_SERVERS set)",
                    broker.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        } catch (EmbeddedBroker.MissingException e) {
            throw new RuntimeStartupException(missingBrokerMessage(), e);
        }
        config = config.withBootstrapServers(broker.bootstrapServers());
    }

    /** Why start-up fails without a configured cluster and without the embedded broker's artifact. */
    static String missingBrokerMessage() {
        return "KAFKA_BOOTSTRAP_SERVERS is not set and the embedded broker is not on the classpath: set "
                + "KAFKA_BOOTSTRAP_SERVERS (or OnexRuntime.Builder.bootstrapServers(..)) to your Kafka cluster, "
                + "or add the dependency " + EmbeddedBroker.ARTIFACT + " (version from the BOM io.onex:onex-bom) "
                + "for an in-JVM broker; see docs/embedding.md";
    }

    /** Whether this part started a broker (topics are then created by default). */
    boolean embedded() {
        return broker != null;
    }

    /** The configuration in effect: after {@link #start()}, with the embedded broker's address when there is one. */
    RuntimeConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
