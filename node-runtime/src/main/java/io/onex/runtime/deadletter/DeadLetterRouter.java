package io.onex.runtime.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.contract.RetrySpec;
import io.onex.api.topic.TopicName;
import io.onex.runtime.kafka.ProducerThreadHandOff;
import io.onex.runtime.resilience.RetryPolicy;
import io.onex.runtime.resilience.RootCause;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failed calls and undecodable records to {@code <original topic>.dlq} in the format of WIRE.md
 * ("Dead-letter records"), without stack traces and with secrets masked.
 *
 * <p>The write itself is retried with its own backoff on the injected scheduler. A write that fails for good
 * completes the returned stage with a {@link DeadLetterException} (never swallowed: the caller must not treat the
 * failure as handled; its message names both the write's failure and the one being dead-lettered), logs one ERROR line with node id and correlation id, and counts {@code onex.dlq.failures}.
 * A routed letter counts {@code onex.dlq.routed}; both are tagged with the dead-letter topic. Thread-safe.
 */
public final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final Producer<byte[], byte[]> producer;
    private final DeadLetterEncoder encoder;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Retry writeRetry;
    private final MeterRegistry meterRegistry;
    private final DeadLetterTopics topics;

    /**
     * @param producer the producer dead-letter records are sent with (bytes in, bytes out)
     * @param mapper the JSON mapper for the record value
     * @param clock the source of {@code failed_at}
     * @param scheduler where backoff waits between write attempts run
     * @param writeRetry the policy for retrying the write
     * @param meterRegistry where {@code onex.dlq.routed} and {@code onex.dlq.failures} are registered
     */
    public DeadLetterRouter(Producer<byte[], byte[]> producer, ObjectMapper mapper, Clock clock,
            ScheduledExecutorService scheduler, RetrySpec writeRetry, MeterRegistry meterRegistry) {
        this(producer, mapper, clock, scheduler, writeRetry, meterRegistry, DeadLetterTopics.none());
    }

    /**
     * As the other constructor, with dead-letter topics named by contracts.
     *
     * @param topics where each topic's dead letters go
     */
    public DeadLetterRouter(Producer<byte[], byte[]> producer, ObjectMapper mapper, Clock clock,
            ScheduledExecutorService scheduler, RetrySpec writeRetry, MeterRegistry meterRegistry,
            DeadLetterTopics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.encoder = new DeadLetterEncoder(Objects.requireNonNull(mapper, "mapper"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.writeRetry = RetryPolicy.of(Objects.requireNonNull(writeRetry, "writeRetry")).newRetry("dead-letter-write");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    }

    /**
     * Writes a dead letter.
     *
     * @param letter what failed
     * @return completes with where the record landed, or exceptionally with a {@link DeadLetterException}
     */
    public CompletionStage<DeliveryReceipt> route(DeadLetter letter) {
        String dlqTopic = topics.of(letter.originalTopic());
        ProducerRecord<byte[], byte[]> record;
        try {
            record = encoder.encode(letter, clock.instant(), dlqTopic);
            // the failed call's trace context, in place of the consumed record's copied along with its headers
            TraceHeaders.inject(Context.current(), record.headers());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(giveUp(letter, dlqTopic, e));
        }
        CompletableFuture<DeliveryReceipt> result = new CompletableFuture<>();
        Retry.decorateCompletionStage(writeRetry, scheduler, () -> send(record)).get().whenComplete((md, e) -> {
            if (e == null) {
                counter("onex.dlq.routed", dlqTopic).increment();
                LOG.info("dead-lettered to {}: node={} correlation_id={} error={} attempts={}", dlqTopic,
                        letter.nodeId(), letter.correlationId(),
                        DeadLetterEncoder.rootFailure(letter.failure()).getClass().getName(), letter.retryCount());
                String eventId = letter.originalEnvelope() == null ? null : letter.originalEnvelope().eventId();
                result.complete(new DeliveryReceipt(md.topic(), md.partition(), md.offset(), eventId));
            } else {
                result.completeExceptionally(giveUp(letter, dlqTopic, RootCause.of(e)));
            }
        });
        return result;
    }

    private DeadLetterException giveUp(DeadLetter letter, String dlqTopic, Throwable writeFailure) {
        counter("onex.dlq.failures", dlqTopic).increment();
        String why = writeFailure.getClass().getName() + ": "
                + SecretRedactor.redactAndTruncate(writeFailure.getMessage(), DeadLetterEncoder.MAX_MESSAGE_CHARS);
        LOG.error("dead-letter write to {} failed for good: node={} correlation_id={}: {}", dlqTopic,
                letter.nodeId(), letter.correlationId(), why);
        // this exception takes the place of the call's own failure: it names that failure too
        Throwable original = DeadLetterEncoder.rootFailure(letter.failure());
        String dead = original.getClass().getName() + ": "
                + SecretRedactor.redactAndTruncate(original.getMessage(), DeadLetterEncoder.MAX_MESSAGE_CHARS);
        return new DeadLetterException(dlqTopic, "cannot write to dead-letter topic " + dlqTopic + " for node "
                + letter.nodeId() + " (correlation_id " + letter.correlationId() + "): " + why
                + "; the failure being dead-lettered: " + dead, writeFailure, letter.failure());
    }

    private CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        // a final failure is often seen on the producer's I/O thread: never send from there (ProducerThreadHandOff)
        ProducerThreadHandOff.send(() -> {
            try {
                producer.send(record, (md, e) -> {
                    if (e != null) {
                        sent.completeExceptionally(e);
                    } else {
                        sent.complete(md);
                    }
                });
            } catch (RuntimeException e) {
                // a closed producer or an oversized record throws instead of calling back
                sent.completeExceptionally(e);
            }
        });
        return sent;
    }

    private Counter counter(String name, String topic) {
        return Counter.builder(name).tag("topic", topic).register(meterRegistry);
    }
}
