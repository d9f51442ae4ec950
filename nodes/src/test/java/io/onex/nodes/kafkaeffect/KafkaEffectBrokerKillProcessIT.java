package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.nodes.faults.FaultFigures;
import io.onex.nodes.faults.StandaloneBroker;
import io.onex.nodes.faults.TopicReadBack;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka effect node (in this JVM) publishing to a broker in a JVM of its own, which the test kills with
 * {@code kill -9} and starts again on the same ports and data while the node keeps being called: single publishes
 * and atomic batches. What landed is read back with a plain consumer afterwards; the node's answers say only what it
 * acknowledged. Run by the {@code process} profile (see {@code docs/faults.md}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaEffectBrokerKillProcessIT {

    private static final String SINGLES = "faults.singles.v1";
    private static final String BATCHES = "faults.batches.v1";
    private static final int BATCH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandaloneBroker broker;
    private OnexRuntime runtime;
    @TempDir
    Path data;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** What the callers were told: acknowledged or failed, per call. */
    private static final class Calls {
        final AtomicInteger singlesSent = new AtomicInteger();
        final Set<Integer> singlesAcked = ConcurrentHashMap.newKeySet();
        final AtomicInteger batchesSent = new AtomicInteger();
        final Set<Integer> batchesAcked = ConcurrentHashMap.newKeySet();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong lastAckNanos = new AtomicLong();
    }

    private Object call(Map<String, Object> input) throws Exception {
        return runtime.call("kafka_event_effect", input).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /**
     * Calls the node until {@code stop}, one call at a time: single publishes, or (when {@code batches}) atomic
     * batches of {@link #BATCH}. Two such callers run together, so that the kill finds both kinds in flight.
     */
    private Thread caller(Calls calls, AtomicBoolean stop, boolean batches) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (batches) {
                        int b = calls.batchesSent.getAndIncrement();
                        List<Map<String, Object>> events = new ArrayList<>();
                        for (int j = 0; j < BATCH; j++) {
                            events.add(Map.of("partition_key", "b" + b, "payload", Map.of("batch", b, "n", j)));
                        }
                        call(Map.of("operation", "publish_batch", "atomic", true, "topic", BATCHES,
                                "event_type", "FAULT_BATCH", "events", events));
                        calls.batchesAcked.add(b);
                    } else {
                        int n = calls.singlesSent.getAndIncrement();
                        KafkaEventOutput out = (KafkaEventOutput) call(Map.of("topic", SINGLES,
                                "event_type", "FAULT_PING", "partition_key", "k" + n, "payload", Map.of("n", n)));
                        if (out.success()) {
                            calls.singlesAcked.add(n);
                            calls.lastAckNanos.set(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    calls.failed.incrementAndGet(); // told it failed: the caller may send it again, not our concern
                    pace();
                }
            }
        }, batches ? "faults-batch-caller" : "faults-caller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A caller told "failed" (an open breaker answers at once) waits a little before its next call. */
    private static void pace() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyAcknowledgedPublishIsPresentAndEveryAtomicBatchWholeOrAbsentAfterABrokerKill9() throws Exception {
        broker = StandaloneBroker.start(data);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(SINGLES, 3, (short) 1), new NewTopic(BATCHES, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        // fail fast while the broker is away, retry soon after it is back; callers get failures, no DLQ (same broker)
        Map<String, String> env = Map.of("KAFKA_EFFECT_TIMEOUT", "3s", "KAFKA_EFFECT_BREAKER_TIMEOUT", "2s",
                "KAFKA_EFFECT_DLQ_ENABLED", "false", "KAFKA_COMPRESSION_TYPE", "none");
        runtime = OnexRuntime.builder().contracts(List.of(new ContractLoader(env).load(MockKafkaPipeline.CONTRACT)))
                .environment(env).bootstrapServers(broker.bootstrapServers()).httpPort(-1).build().start();

        Calls calls = new Calls();
        AtomicBoolean stop = new AtomicBoolean();
        Thread singles = caller(calls, stop, false);
        Thread batchCaller = caller(calls, stop, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.singlesAcked.size() >= 300
                && calls.batchesAcked.size() >= 30);

        broker.kill9();
        long killedAt = System.nanoTime();
        int ackedBefore = calls.singlesAcked.size();
        broker.restart(); // the outage is the new broker JVM's start: seconds
        long restartedAt = System.nanoTime();
        long outageMs = TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> calls.lastAckNanos.get() > restartedAt && calls.singlesAcked.size() > ackedBefore);
        long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        long afterRestartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
        int target = calls.singlesAcked.size() + 200;
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.singlesAcked.size() >= target);
        stop.set(true);
        singles.join(TimeUnit.SECONDS.toMillis(90));
        batchCaller.join(TimeUnit.SECONDS.toMillis(90));
        runtime.close();
        runtime = null; // every send it still had in flight is delivered or given up before the read-back

        List<ConsumerRecord<byte[], byte[]>> singleRecords = TopicReadBack.readAll(broker.bootstrapServers(),
                "read_committed", List.of(SINGLES));
        Map<Integer, Integer> found = countBy(singleRecords, "n");
        // copies with the same event id: one call's event written twice (its attempts share the event id)
        long sameEventId = singleRecords.size() - singleRecords.stream().map(r -> envelope(r).get("event_id").asText())
                .distinct().count();
        List<ConsumerRecord<byte[], byte[]>> batchRecords = TopicReadBack.readAll(broker.bootstrapServers(),
                "read_committed", List.of(BATCHES));
        Map<Integer, Integer> batches = countBy(batchRecords, "batch");

        int lost = (int) calls.singlesAcked.stream().filter(n -> !found.containsKey(n)).count();
        int duplicated = found.values().stream().mapToInt(c -> c - 1).sum();
        List<Integer> ackedTwice = found.entrySet().stream()
                .filter(e -> e.getValue() > 1 && calls.singlesAcked.contains(e.getKey())).map(Map.Entry::getKey).toList();
        int unackedPresent = (int) found.keySet().stream().filter(n -> !calls.singlesAcked.contains(n)).count();
        int batchesLost = (int) calls.batchesAcked.stream().filter(b -> !batches.containsKey(b)).count();
        List<Integer> partial = batches.entrySet().stream().filter(e -> e.getValue() % BATCH != 0)
                .map(Map.Entry::getKey).toList();
        List<Integer> batchesTwice = batches.entrySet().stream().filter(e -> e.getValue() > BATCH)
                .map(Map.Entry::getKey).toList();
        FaultFigures.of("kafka-effect-broker-kill9").put("sent", calls.singlesSent.get())
                .put("acked", calls.singlesAcked.size()).put("found", found.size()).put("lost", lost)
                .put("duplicated", duplicated).put("acked_twice", ackedTwice.size())
                .put("duplicated_same_event_id", sameEventId)
                .put("unacked_found", unackedPresent)
                .put("batches_sent", calls.batchesSent.get()).put("batches_acked", calls.batchesAcked.size())
                .put("batches_found", batches.size()).put("batches_lost", batchesLost)
                .put("batches_partial", partial.size()).put("batches_twice", batchesTwice.size())
                .put("failed_calls", calls.failed.get()).put("outage_ms", outageMs).put("recovery_ms", recoveryMs)
                .put("ack_after_restart_ms", afterRestartMs).print();

        assertThat(lost).as("acknowledged publishes missing after the broker came back").isZero();
        assertThat(batchesLost).as("acknowledged atomic batches missing").isZero();
        assertThat(partial).as("atomic batches present in part (read_committed)").isEmpty();
        // each call's outcome is decided by its first send: a retry never starts a second send while one is pending
        assertThat(ackedTwice).as("acknowledged publishes on the topic more than once").isEmpty();
        assertThat(batchesTwice).as("atomic batches committed more than once").isEmpty();
    }

    /** Per value of the payload's {@code field}: how many records carry it. */
    private static Map<Integer, Integer> countBy(List<ConsumerRecord<byte[], byte[]>> records, String field) {
        Map<Integer, Integer> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.merge(envelope(r).get("payload").get(field).asInt(), 1, Integer::sum);
        }
        return out;
    }

    private static JsonNode envelope(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
