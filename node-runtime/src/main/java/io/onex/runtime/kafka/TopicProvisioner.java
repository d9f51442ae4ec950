package io.onex.runtime.kafka;

import io.onex.api.contract.TopicSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a node needs, with WIRE.md's defaults, and waits until they can take records.
 *
 * <p>Topics: {@code partitions} partitions (3 by default), {@code retention.ms} 7 days, the configured
 * {@code compression.type}. Dead-letter topics (names ending {@code .dlq}): 1 partition, 30 days. A topic a contract
 * gives {@code topic_settings} ({@link #withTopicSettings}) gets its partitions and retention instead. Topics that
 * exist are left as they are. {@code createTopics} can return before every new partition has a leader, and an idempotent
 * producer sending at once can then lose records (KAFKA-NOTES), so {@link #ensureTopics} returns only when
 * {@code describeTopics} shows a leader for every partition of every topic asked for <em>and</em> every leader
 * answers a {@code listOffsets} request. The second check matters: measured here, a partition the metadata already
 * showed with a leader still refused the first produce with {@code NOT_LEADER_OR_FOLLOWER}, and the idempotent
 * producer then wedged on {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its records expired.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Partitions of a topic the runtime creates, unless configured. */
    public static final int DEFAULT_PARTITIONS = 3;
    /** Retention of a topic the runtime creates: 7 days. */
    public static final long RETENTION_MS = Duration.ofDays(7).toMillis();
    /** Retention of a dead-letter topic: 30 days. */
    public static final long DLQ_RETENTION_MS = Duration.ofDays(30).toMillis();
    /** Suffix of dead-letter topics. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final long LEADER_CHECK_INTERVAL_MS = 50;

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final String compressionType;
    private Map<String, TopicSettings> topicSettings = Map.of();

    /**
     * @param admin the admin client (not closed by the provisioner)
     * @param partitions partitions of a regular topic, at least 1
     * @param replicationFactor replication factor of every topic, at least 1
     * @param compressionType the topics' {@code compression.type} (e.g. {@code producer}, {@code lz4})
     */
    public TopicProvisioner(Admin admin, int partitions, short replicationFactor, String compressionType) {
        this.admin = Objects.requireNonNull(admin, "admin");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, but was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, but was " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        Objects.requireNonNull(compressionType, "compressionType");
        // the producer's "none" is "uncompressed" for a topic, which refuses "none" (KAFKA_COMPRESSION_TYPE=none
        // stopped start-up with InvalidConfigurationException when the runtime created its topics)
        this.compressionType = compressionType.equals("none") ? "uncompressed" : compressionType;
    }

    /**
     * Partitions and retention of particular topics (from contracts' {@code topic_settings}), over the defaults.
     *
     * @param settings per full topic name
     * @return this provisioner
     */
    public TopicProvisioner withTopicSettings(Map<String, TopicSettings> settings) {
        this.topicSettings = Map.copyOf(settings);
        return this;
    }

    /**
     * Creates the missing topics and waits until every partition of every topic has a leader.
     *
     * @param topics topic names
     * @param timeout the longest this may take
     * @throws IllegalStateException naming the topic, when one cannot be created or has no leader in time
     */
    public void ensureTopics(Collection<String> topics, Duration timeout) {
        Set<String> wanted = new LinkedHashSet<>(topics);
        if (wanted.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> existing = await(admin.listTopics().names(), deadline, "list topics");
        List<NewTopic> missing = new ArrayList<>();
        for (String t : wanted) {
            if (!existing.contains(t)) {
                missing.add(newTopic(t));
            }
        }
        if (!missing.isEmpty()) {
            create(missing, deadline);
        }
        awaitLeaders(wanted, deadline, timeout);
    }

    NewTopic newTopic(String name) {
        boolean dlq = name.endsWith(DLQ_SUFFIX);
        TopicSettings own = dlq ? null : topicSettings.get(name);
        int count = own != null ? own.partitions().orElse(partitions) : dlq ? 1 : partitions;
        long retention = own != null ? own.retention().map(Duration::toMillis).orElse(RETENTION_MS)
                : dlq ? DLQ_RETENTION_MS : RETENTION_MS;
        return new NewTopic(name, count, replicationFactor).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention),
                TopicConfig.COMPRESSION_TYPE_CONFIG, compressionType));
    }

    private void create(List<NewTopic> missing, long deadline) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (NewTopic t : missing) {
            try {
                await(results.get(t.name()), deadline, "create topic " + t.name());
                log.info("created topic {} ({} partitions, replication factor {}, retention.ms {})", t.name(),
                        t.numPartitions(), t.replicationFactor(), t.configs().get(TopicConfig.RETENTION_MS_CONFIG));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // created by someone else meanwhile: fine, as long as it gets leaders below
            }
        }
    }

    private void awaitLeaders(Set<String> topics, long deadline, Duration timeout) {
        Set<String> waiting = new TreeSet<>(topics);
        while (true) {
            for (Map.Entry<String, KafkaFuture<TopicDescription>> e
                    : admin.describeTopics(waiting).topicNameValues().entrySet()) {
                try {
                    TopicDescription d = await(e.getValue(), deadline, "describe topic " + e.getKey());
                    if (d.partitions().stream().allMatch(TopicProvisioner::hasLeader)) {
                        waiting.remove(e.getKey());
                    }
                } catch (IllegalStateException ex) {
                    // metadata of a brand-new topic can lag on the broker we asked; ask again until the deadline
                    if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw ex;
                    }
                }
            }
            if (waiting.isEmpty()) {
                awaitLeadersServing(topics, deadline);
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("topics " + waiting + " have partitions without a leader after "
                        + timeout.toMillis() + " ms: expected every partition to have a leader before first use");
            }
            try {
                Thread.sleep(LEADER_CHECK_INTERVAL_MS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for leaders of topics " + waiting, ex);
            }
        }
    }

    private void awaitLeadersServing(Set<String> topics, long deadline) {
        Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(topics).allTopicNames(), deadline, "describe topics " + topics);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        descriptions.forEach((name, d) -> d.partitions().forEach(
                p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        // the admin client retries NOT_LEADER_OR_FOLLOWER itself, so this completes once every leader serves
        await(admin.listOffsets(partitions).all(), deadline, "reach the leaders of topics " + new TreeSet<>(topics));
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty();
    }

    private static <T> T await(KafkaFuture<T> future, long deadline, String what) {
        long remaining = Math.max(0, deadline - System.nanoTime());
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("cannot " + what + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer from the cluster in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot " + what + ": interrupted", e);
        }
    }
}
