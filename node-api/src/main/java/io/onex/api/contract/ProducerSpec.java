package io.onex.api.contract;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a contract's {@code producer} section says about the producer its node publishes with. Every part is
 * optional; what is absent takes the runtime's setting (its environment, then Kafka's default). A contract that gives
 * any part gets a producer of its own; one that gives none shares the runtime's.
 *
 * <pre>{@code
 * producer:
 *   linger_ms: 20        # wait up to 20 ms to fill a batch: throughput over latency
 *   batch_size: 131072
 *   compression: zstd
 * }</pre>
 *
 * @param lingerMs Kafka's {@code linger.ms}: how long a batch waits for more records
 * @param batchSize Kafka's {@code batch.size}: bytes per partition batch
 * @param compression Kafka's {@code compression.type}: none, gzip, snappy, lz4 or zstd
 */
public record ProducerSpec(OptionalInt lingerMs, OptionalInt batchSize, Optional<String> compression) {

    /** A contract without a {@code producer} section: the runtime's shared producer. */
    public static final ProducerSpec RUNTIME_DEFAULTS = new ProducerSpec(OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty());

    public ProducerSpec {
        Objects.requireNonNull(lingerMs, "lingerMs");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(compression, "compression");
    }

    /** Whether the contract gives no producer setting, so that its node shares the runtime's producer. */
    public boolean isEmpty() {
        return lingerMs.isEmpty() && batchSize.isEmpty() && compression.isEmpty();
    }
}
