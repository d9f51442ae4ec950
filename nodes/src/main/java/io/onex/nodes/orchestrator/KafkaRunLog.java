package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run log on a compacted Kafka topic ({@code cleanup.policy=compact,delete}, {@code retention.ms} = the
 * retention window): each record keyed by correlation id, so compaction keeps the latest state of each run and
 * deletion drops runs older than the window. Read by a consumer of no group (assigned every partition, from the
 * beginning): every instance reads the whole log, and commits nothing. Created when missing.
 */
final class KafkaRunLog implements RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRunLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaModule.ClientFactory clients;
    private final RuntimeConfig config;
    private final ObjectMapper mapper;
    private final String topic;
    private final Duration retention;
    private final Duration startTimeout;
    private final String clientId;
    private Producer<byte[], byte[]> producer;
    private org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private Thread follower;
    private volatile boolean closed;

    KafkaRunLog(KafkaModule.ClientFactory clients, RuntimeConfig config, ObjectMapper mapper, String topic,
            Duration retention, Duration startTimeout, String clientId) {
        this.clients = clients;
        this.config = config;
        this.mapper = mapper;
        this.topic = topic;
        this.retention = retention;
        this.startTimeout = startTimeout;
        this.clientId = clientId;
    }

    @Override
    public void open(Consumer<RunRecord> sink) throws Exception {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        ensureTopic();
        producer = clients.producer(KafkaClientProperties.producer(config.kafkaClientProperties(),
                clientId + "-run-log", ProducerTuning.signals(config)));
        consumer = clients.consumer(consumerProperties());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, startTimeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, startTimeout);
        int read = 0;
        while (!caughtUp(end)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("run log " + topic + ": not read to its end offsets " + end + " within "
                        + startTimeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                read += deliver(r, sink) ? 1 : 0;
            }
        }
        LOG.info("run log {}: {} records read to the end offsets at start", topic, read);
        follower = new Thread(() -> follow(sink), "onex-run-log-follower");
        follower.setDaemon(true);
        follower.start();
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Other instances' records (and this one's, read back) after start, until closed. */
    private void follow(Consumer<RunRecord> sink) {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    deliver(r, sink);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("run log {}: follower stopped, other instances' runs are no longer seen: {}", topic,
                    e.toString());
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private boolean deliver(ConsumerRecord<byte[], byte[]> r, Consumer<RunRecord> sink) {
        if (r.value() == null) {
            return false; // a tombstone
        }
        try {
            sink.accept(mapper.readValue(r.value(), RunRecord.class));
            return true;
        } catch (IOException | RuntimeException e) {
            // a record this version cannot read must not stop the orchestrator; it is only a lost idempotency entry
            LOG.warn("run log {}: record at partition {} offset {} skipped: {}", topic, r.partition(), r.offset(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    public CompletionStage<Void> append(RunRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(record);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            producer.send(new ProducerRecord<>(topic, record.correlationId().getBytes(StandardCharsets.UTF_8), value),
                    (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void ensureTopic() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = clients.admin(KafkaClientProperties.admin(config.kafkaClientProperties()))) {
            if (!admin.listTopics().names().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                NewTopic t = new NewTopic(topic, config.topicPartitions(), config.replicationFactor()).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                                + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
                try {
                    admin.createTopics(List.of(t)).all().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("created run log topic {} ({} partitions, compacted, retention.ms {})", topic,
                            t.numPartitions(), retention.toMillis());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another instance was first
                        throw e;
                    }
                }
            }
            new TopicProvisioner(admin, config.topicPartitions(), config.replicationFactor(),
                    config.compressionType()).ensureTopics(List.of(topic), startTimeout);
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> p = new HashMap<>(config.kafkaClientProperties());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-run-log");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (follower != null) {
            try {
                follower.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) { // open failed before the follower took the consumer over
            consumer.close(Duration.ZERO);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
