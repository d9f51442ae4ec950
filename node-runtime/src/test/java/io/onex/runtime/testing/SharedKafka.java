package io.onex.runtime.testing;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import java.util.UUID;

/**
 * One Kafka per test JVM: an {@link EmbeddedKafkaBroker} started on first use and closed by a shutdown hook, or the
 * cluster named by {@code KAFKA_BOOTSTRAP_SERVERS} when that is set (then nothing is started).
 *
 * <p>Tests share it, so each test works on its own topics ({@link #uniqueTopic}) and consumer groups. A test that
 * stops a broker must start its own {@link EmbeddedKafkaBroker} instead.
 */
public final class SharedKafka {

    private static String bootstrapServers;

    private SharedKafka() {
    }

    /** The shared cluster's bootstrap servers, starting the embedded broker on first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
            } else {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-shutdown"));
                bootstrapServers = broker.bootstrapServers();
            }
        }
        return bootstrapServers;
    }

    /** A topic name no other test uses: {@code prefix} plus a random suffix. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
