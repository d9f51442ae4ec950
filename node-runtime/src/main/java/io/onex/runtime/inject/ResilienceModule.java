package io.onex.runtime.inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.deadletter.DeadLetterTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.Producer;

/** The dead-letter router shared by every node's pipeline. Pipelines themselves are per node (see the runtime). */
public final class ResilienceModule extends AbstractModule {

    private final DeadLetterTopics deadLetterTopics;

    /** Dead letters go to {@code <topic>.dlq}. */
    public ResilienceModule() {
        this(DeadLetterTopics.none());
    }

    /** @param deadLetterTopics where each topic's dead letters go (contracts may name other topics than .dlq) */
    public ResilienceModule(DeadLetterTopics deadLetterTopics) {
        this.deadLetterTopics = deadLetterTopics;
    }

    /** Writing to a DLQ retries longer than a node call: it is the last place a failed record can go. */
    static final RetrySpec DEAD_LETTER_WRITE_RETRY =
            new RetrySpec(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.2, List.of(), List.of());

    @Provides
    @Singleton
    DeadLetterRouter deadLetterRouter(Producer<byte[], byte[]> producer, ObjectMapper mapper, Clock clock,
            ScheduledExecutorService scheduler, MeterRegistry registry) {
        return new DeadLetterRouter(producer, mapper, clock, scheduler, DEAD_LETTER_WRITE_RETRY, registry,
                deadLetterTopics);
    }
}
