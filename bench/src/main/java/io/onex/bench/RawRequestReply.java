package io.onex.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline of {@code onex bench call}: a request/reply loop written with nothing but kafka-clients, in the same
 * topic shape as remote calls (a request topic read by a server in a consumer group, a reply topic read by the caller
 * alone, requests keyed by request id), with {@code linger.ms=0}, {@code acks=all} and idempotence. The server
 * echoes each request's value to the reply topic under the request's key; the caller completes the waiting call by
 * key. No envelope, no pipeline: what a round trip on this broker costs at the least.
 */
final class RawRequestReply implements AutoCloseable {

    private final String requestTopic;
    private final KafkaProducer<byte[], byte[]> callerProducer;
    private final KafkaProducer<byte[], byte[]> serverProducer;
    private final KafkaConsumer<byte[], byte[]> serverConsumer;
    private final KafkaConsumer<byte[], byte[]> replyConsumer;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile java.util.Set<TopicPartition> serverAssignment = java.util.Set.of();

    RawRequestReply(String bootstrap, String requestTopic, String replyTopic, int replyPartitions, String group) {
        this.requestTopic = requestTopic;
        this.callerProducer = new KafkaProducer<>(producer(bootstrap));
        this.serverProducer = new KafkaProducer<>(producer(bootstrap));
        this.serverConsumer = new KafkaConsumer<>(consumer(bootstrap, group));
        this.replyConsumer = new KafkaConsumer<>(consumer(bootstrap, null));
        serverConsumer.subscribe(List.of(requestTopic));
        List<TopicPartition> replies = new ArrayList<>();
        for (int p = 0; p < replyPartitions; p++) {
            replies.add(new TopicPartition(replyTopic, p));
        }
        replyConsumer.assign(replies);
        replyConsumer.seekToEnd(replies);
        replies.forEach(replyConsumer::position); // resolve the end now, before any reply is written
        start("bench-raw-server", () -> serve(replyTopic));
        start("bench-raw-replies", this::readReplies);
    }

    private static Map<String, Object> producer(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private static Map<String, Object> consumer(String bootstrap, String group) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        if (group != null) {
            m.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        } else {
            m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        return m;
    }

    private void start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Whether the server has its partitions (a call before then waits for the group to form). */
    boolean serving() {
        return !serverAssignment.isEmpty();
    }

    private void serve(String replyTopic) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : serverConsumer.poll(Duration.ofMillis(100))) {
                    serverProducer.send(new ProducerRecord<>(replyTopic, r.key(), r.value()));
                }
                serverAssignment = serverConsumer.assignment();
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void readReplies() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : replyConsumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<byte[]> f = waiting.remove(new String(r.key(), StandardCharsets.UTF_8));
                    if (f != null) {
                        f.complete(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    /** Sends a request; completes with its reply. */
    CompletableFuture<byte[]> call(byte[] value) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        callerProducer.send(new ProducerRecord<>(requestTopic, id.getBytes(StandardCharsets.UTF_8), value),
                (meta, e) -> {
                    if (e != null && waiting.remove(id) != null) {
                        reply.completeExceptionally(e);
                    }
                });
        return reply;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        serverConsumer.wakeup();
        replyConsumer.wakeup();
        for (Thread t : threads) {
            t.join(5_000);
        }
        serverConsumer.close();
        replyConsumer.close();
        serverProducer.close();
        callerProducer.close();
    }
}
