package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.nodes.faults.ChildJvm;
import io.onex.nodes.faults.FaultFigures;
import io.onex.nodes.faults.GroupProgress;
import io.onex.nodes.faults.ServedRuntime;
import io.onex.nodes.faults.TopicReadBack;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reducer ({@code onex serve}, a JVM of its own) killed with {@code kill -9} while stamps stream in, the moment a
 * window's aggregation-completed appears, then restarted: the windows it publishes (aggregation-completed, read back)
 * must add up to exactly the stamps sent, each counted once (issue 19; docs/faults.md, defect 7: a window published
 * just before the kill used to be counted again after it). The stamps come from a plain producer at a steady pace,
 * so that the kill finds windows open.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReducerKillProcessIT {

    private static final int STAMPS = 3000;
    private static final int PER_TICK = 10;
    private static final long SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static byte[] stamp(int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.STAMP_ID, UUID.randomUUID().toString());
        p.put(StampEventFields.WORKFLOW_ID, UUID.randomUUID().toString());
        p.put(StampEventFields.FILE_HASH, "h" + i);
        p.put(StampEventFields.NAMESPACE, "faults");
        p.put(StampEventFields.FILE_NAME, "f" + i + ".md");
        p.put(StampEventFields.FILE_SIZE_BYTES, SIZE);
        p.put(StampEventFields.FILE_TYPE, "md");
        return CODEC.encode(EventEnvelope.create(StampEventFields.STAMP_CREATED, UUID.randomUUID().toString(), null,
                Instant.now(), new EventSource("omninode_bridge", "orchestrator", "faults"), Map.of(), p));
    }

    @Test
    void windowsInterruptedByAKill9AreReplayedAndNoStampIsLostFromTheTotals() throws Exception {
        String tenant = "faults_red_" + UUID.randomUUID().toString().substring(0, 8);
        String group = tenant + "_reducer";
        Map<String, String> env = new HashMap<>(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_REDUCER_GROUP", group, "BRIDGE_REDUCER_WINDOW_SIZE", "100", "BRIDGE_REDUCER_WINDOW_TIME",
                "2s", "ONEX_INSTANCE_ID", "r1"));
        RuntimeConfig config = RuntimeConfig.fromEnvironment(env);
        String stamps = config.resolveTopic(BridgeTopics.METADATA_STAMP_CREATED);
        String completed = config.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED);
        Path contract = Path.of("../contracts/bridge_reducer.yaml");

        ChildJvm reducer = ServedRuntime.start("reducer", contract, broker.bootstrapServers(), env);
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            // a steady stream: PER_TICK stamps every 50 ms, so windows are open whenever the kill comes
            pace.scheduleAtFixedRate(() -> {
                for (int k = 0; k < PER_TICK && sent.get() < STAMPS; k++) {
                    int i = sent.getAndIncrement();
                    producer.send(new ProducerRecord<>(stamps, ("k" + i).getBytes(StandardCharsets.UTF_8), stamp(i)));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            // killed the moment the 5th window's aggregation-completed is on the topic: most likely before the
            // reducer committed that window's offsets, the gap in which a window could be counted twice
            awaitRecords(completed, 5, Duration.ofSeconds(120));
            reducer.kill9();
            long killedAt = System.nanoTime();
            int sentAtKill = sent.get();
            // on a loaded machine the reducer lags the stream: the kill may come after the last stamp was sent,
            // and then interrupts the backlog, with windows open all the same (sent_at_kill says which)
            reducer = ServedRuntime.start("reducer", contract, broker.bootstrapServers(), env);
            long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= STAMPS);
            producer.flush();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> GroupProgress.caughtUp(broker.bootstrapServers(), group, List.of(stamps)));
            long drainedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

            long totalStamps = 0;
            long totalBytes = 0;
            List<ConsumerRecord<byte[], byte[]>> windows = read(completed);
            for (ConsumerRecord<byte[], byte[]> r : windows) {
                JsonNode payload = envelope(r).get("payload");
                totalStamps += payload.get(ReducerEventFields.TOTAL_STAMPS).asLong();
                totalBytes += payload.get(ReducerEventFields.TOTAL_SIZE_BYTES).asLong();
            }
            FaultFigures.of("reducer-kill9").put("sent", STAMPS).put("sent_at_kill", sentAtKill)
                    .put("windows", windows.size()).put("found", totalStamps)
                    .put("lost", Math.max(0, STAMPS - totalStamps)).put("duplicated", Math.max(0, totalStamps - STAMPS))
                    .put("bytes_expected", STAMPS * SIZE).put("bytes_found", totalBytes)
                    .put("recovery_ms", restartMs).put("drained_after_ms", drainedMs).print();
            assertThat(totalStamps).as("stamps counted over the published windows: each once").isEqualTo(STAMPS);
            assertThat(totalBytes).as("bytes counted over the published windows: each stamp's once")
                    .isEqualTo(STAMPS * SIZE);
        } finally {
            pace.shutdownNow();
            reducer.close();
        }
    }

    /** Tails {@code topic} (read committed, polls of 5 ms) until it holds {@code n} records. */
    private static void awaitRecords(String topic, int n, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "isolation.level", "read_committed", "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            c.seekToBeginning(c.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " held " + seen + " records after " + timeout + ", expected " + n);
                }
                seen += c.poll(Duration.ofMillis(5)).count();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return TopicReadBack.readAll(broker.bootstrapServers(), "read_committed", List.of(topic));
    }

    private static JsonNode envelope(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
