package io.onex.runtime.dashboard.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a changing set of topics on a thread of its own, outside any consumer group (assigned partitions, no
 * commits: no group of a running node is touched), handing every record to a sink. Each partition is read from its
 * last {@code backlog} records on, then as records arrive; the set of topics is asked again every
 * {@code refresh}, so that a dead-letter topic created later is followed too.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicInteger FOLLOWERS = new AtomicInteger();

    private final String name;
    private final Map<String, Object> consumerProperties;
    private final Supplier<Set<String>> topics;
    private final long backlog;
    private final Duration refresh;
    private final Consumer<ConsumerRecord<byte[], byte[]>> sink;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param name names the thread and the log lines
     * @param consumerProperties a consumer's properties without a group (byte-array deserializers)
     * @param topics the topics to follow now (asked on the follower's thread)
     * @param backlog how many of each partition's last records are read first
     * @param refresh how often the topics are asked again
     * @param sink receives every record, on the follower's thread
     */
    public TopicFollower(String name, Map<String, Object> consumerProperties, Supplier<Set<String>> topics,
            long backlog, Duration refresh, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        this.name = name;
        Map<String, Object> props = new HashMap<>(consumerProperties);
        // one client id per consumer: the clients register their metrics under it, and a repeated one is refused
        props.put("client.id", props.getOrDefault("client.id", "onex-dashboard") + "-" + name + "-"
                + FOLLOWERS.incrementAndGet());
        this.consumerProperties = Map.copyOf(props);
        this.topics = topics;
        this.backlog = backlog;
        this.refresh = refresh;
        this.sink = sink;
        this.thread = new Thread(this::run, "onex-dashboard-" + name);
        thread.setDaemon(true);
    }

    /** Starts following. */
    public void start() {
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties)) {
            consumer = c;
            Set<TopicPartition> assigned = new HashSet<>();
            long nextRefresh = System.nanoTime();
            while (!stopped) {
                try {
                    if (System.nanoTime() - nextRefresh >= 0) {
                        assign(c, assigned);
                        nextRefresh = System.nanoTime() + refresh.toNanos();
                    }
                    if (assigned.isEmpty()) {
                        // nothing to read yet (the topics may be created later): ask again after a while
                        stop.await(refresh.toMillis(), TimeUnit.MILLISECONDS);
                        nextRefresh = System.nanoTime();
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        hand(r);
                    }
                } catch (WakeupException closing) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the cluster may be away for a while: the page shows what was read, and the follower tries on
                    LOG.warn("dashboard {} could not read its topics, trying again in {} s: {}", name,
                            refresh.toSeconds(), e.toString());
                    assigned.clear();
                    c.unsubscribe();
                    stop.await(refresh.toMillis(), TimeUnit.MILLISECONDS);
                    nextRefresh = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.warn("dashboard {} stopped following its topics: {}", name, e.toString());
            }
        }
    }

    private void hand(ConsumerRecord<byte[], byte[]> r) {
        try {
            sink.accept(r);
        } catch (RuntimeException e) {
            LOG.debug("dashboard {} ignored {}-{}@{}: {}", name, r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private void assign(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        Set<TopicPartition> wanted = new HashSet<>();
        for (String topic : topics.get()) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(i -> wanted.add(new TopicPartition(i.topic(), i.partition())));
            }
        }
        if (wanted.equals(assigned)) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>(wanted);
        added.removeAll(assigned);
        c.assign(wanted); // partitions still assigned keep their positions
        if (!added.isEmpty()) {
            Map<TopicPartition, Long> ends = c.endOffsets(added);
            Map<TopicPartition, Long> starts = c.beginningOffsets(added);
            added.forEach(tp -> c.seek(tp, Math.max(starts.get(tp), ends.get(tp) - backlog)));
        }
        assigned.clear();
        assigned.addAll(wanted);
    }

    @Override
    public void close() {
        stopped = true;
        stop.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
