package io.onex.runtime.kafka;

import io.onex.api.contract.ProducerSpec;
import io.onex.runtime.config.RuntimeConfig;
import java.util.Objects;

/**
 * The batching settings of one producer: {@code linger.ms}, {@code batch.size} and {@code compression.type}. A
 * runtime has two kinds of use for a producer, and they want opposite settings:
 *
 * <ul>
 *   <li><b>events</b> ({@link #events}): what nodes, workflows and the dead-letter router publish. Throughput matters,
 *       so records wait up to {@code linger.ms} (Kafka's own 5 ms by default) to fill batches of 64 KiB.</li>
 *   <li><b>signals</b> ({@link #signals}): remote-call requests and replies, introspection and heartbeats, where a
 *       caller (or a registry deciding liveness) waits on each record: linger 0, Kafka's default batch size, no
 *       compression. They are
 *       few, so nothing is lost by sending them at once, and on a producer of their own they never queue behind a
 *       burst of event batches.</li>
 * </ul>
 *
 * @param lingerMs {@code linger.ms}, 0 to 60000
 * @param batchSize {@code batch.size} in bytes, 0 to 1048576
 * @param compression {@code compression.type}, one of {@link KafkaClientProperties#COMPRESSION_TYPES}
 */
public record ProducerTuning(int lingerMs, int batchSize, String compression) {

    /** Kafka's own {@code batch.size}. */
    public static final int KAFKA_DEFAULT_BATCH_SIZE = 16_384;

    public ProducerTuning {
        Objects.requireNonNull(compression, "compression");
    }

    /** The runtime's event producer, from {@code KAFKA_PRODUCER_LINGER_MS}, {@code _BATCH_SIZE} and {@code KAFKA_COMPRESSION_TYPE}. */
    public static ProducerTuning events(RuntimeConfig config) {
        return new ProducerTuning(config.producerLingerMs(), config.producerBatchSize(), config.compressionType());
    }

    /**
     * The runtime's producer of requests, replies, introspection and heartbeats: linger 0, no compression. At linger
     * 0 nearly every batch holds one small record, which compression cannot shrink; lz4 still cost a 64 KiB block
     * buffer per batch and a share of the callee's CPU per remote call ({@code onex bench call}).
     */
    public static ProducerTuning signals(RuntimeConfig config) {
        return new ProducerTuning(0, KAFKA_DEFAULT_BATCH_SIZE, "none");
    }

    /** These settings with the ones a contract gives in place of them. */
    public ProducerTuning overriddenBy(ProducerSpec spec) {
        return new ProducerTuning(spec.lingerMs().orElse(lingerMs), spec.batchSize().orElse(batchSize),
                spec.compression().orElse(compression));
    }
}
