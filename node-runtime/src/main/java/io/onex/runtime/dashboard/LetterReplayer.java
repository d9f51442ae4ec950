package io.onex.runtime.dashboard;

import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.DeadLetterReader;
import io.onex.runtime.ops.DeadLetterView;
import io.onex.runtime.ops.DlqInventory;
import io.onex.runtime.ops.ReplayOptions;
import io.onex.runtime.ops.ReplayRecords;
import io.onex.runtime.ops.SafeText;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays one dead letter from the Dead letters page, as {@code onex dlq replay} replays each of a topic's
 * ({@link ReplayRecords}): the original envelope's bytes (same event id, so idempotent consumers absorb a repeat) to
 * its original topic, with {@code onex-replay-count} raised. A letter already replayed
 * {@value ReplayOptions#DEFAULT_MAX_REPLAYS} times is parked: the page refuses it and names the verb that can force
 * it. Reads the letter outside any consumer group.
 */
public final class LetterReplayer implements DeadLetterReplayer {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger READS = new AtomicInteger();

    private final Map<String, Object> consumerProperties;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetterReader reader;
    private final ReplayRecords records;

    /**
     * @param config the cluster and its security settings (the letter is read with them)
     * @param producer sends the replay; its owner closes it
     */
    public LetterReplayer(RuntimeConfig config, Producer<byte[], byte[]> producer) {
        EnvelopeCodec codec = new EnvelopeCodec();
        this.consumerProperties = Dashboard.consumerProperties(config);
        this.producer = producer;
        this.reader = new DeadLetterReader(codec);
        this.records = new ReplayRecords(codec.mapper());
    }

    @Override
    public String replay(String topic, int partition, long offset) {
        String where = SafeText.escape(topic) + "[" + partition + "]@" + offset;
        if (!DlqInventory.isDeadLetterTopic(topic)) {
            throw new IllegalArgumentException(where + " is not on a dead-letter topic");
        }
        ConsumerRecord<byte[], byte[]> record = read(new TopicPartition(topic, partition), offset)
                .orElseThrow(() -> new IllegalArgumentException("no dead letter at " + where));
        DeadLetterView letter = reader.read(record);
        if (letter.replayCount() >= ReplayOptions.DEFAULT_MAX_REPLAYS) {
            throw new IllegalArgumentException(where + " is parked: replayed " + letter.replayCount()
                    + " times already; `onex dlq replay " + SafeText.escape(topic) + " --force` replays it anyway");
        }
        ProducerRecord<byte[], byte[]> replay = records.replayOf(record, letter, Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException(where + " holds no original to replay, or names no"
                        + " original topic"));
        try {
            RecordMetadata sent = producer.send(replay).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "replayed to " + sent.topic() + "[" + sent.partition() + "]@" + sent.offset() + " (replay "
                    + (letter.replayCount() + 1) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + where, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("replay of " + where + " was not acknowledged: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition tp, long offset) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.put("client.id", "onex-dashboard-replay-" + READS.incrementAndGet());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            if (consumer.partitionsFor(tp.topic()).stream().noneMatch(p -> p.partition() == tp.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (offset >= end || offset < consumer.beginningOffsets(List.of(tp)).get(tp)) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty(); // the offset holds no record (a transaction marker)
                    }
                }
            }
            return Optional.empty();
        }
    }
}
