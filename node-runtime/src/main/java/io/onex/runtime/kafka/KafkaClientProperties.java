package io.onex.runtime.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client configurations the runtime uses for its producers, consumers and admin clients.
 *
 * <p>Each map is built in three layers: the runtime's tunable defaults, then {@code base} (bootstrap servers,
 * security settings, and any tunable an operator overrides), then the settings the runtime's guarantees depend on
 * (acks, idempotence, manual commits, read-committed, byte-array serdes), which {@code base} cannot override.
 */
public final class KafkaClientProperties {

    /** Compression types the producer accepts. */
    public static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    /** Offset reset policies the consumer accepts. */
    public static final Set<String> OFFSET_RESETS = Set.of("earliest", "latest", "none");
    /** The classic group protocol: client-side assignment, client-side session timeout. */
    public static final String GROUP_PROTOCOL_CLASSIC = "classic";
    /** The consumer group protocol of KIP-848: broker-side assignment and session timeout. */
    public static final String GROUP_PROTOCOL_CONSUMER = "consumer";
    /** Group protocols the consumer accepts. */
    public static final Set<String> GROUP_PROTOCOLS = Set.of(GROUP_PROTOCOL_CLASSIC, GROUP_PROTOCOL_CONSUMER);

    private KafkaClientProperties() {
    }

    /**
     * Producer settings for a producer of requests and replies: idempotent, {@code acks=all}, byte-array serializers,
     * {@code linger.ms} 0 ({@link #producer(Map, String, ProducerTuning)} chooses).
     *
     * @param base bootstrap servers and security settings (and tunables to override)
     * @param clientId the client id, e.g. the node id
     * @param compressionType one of {@link #COMPRESSION_TYPES}
     * @return an unmodifiable config map
     */
    public static Map<String, Object> producer(Map<String, Object> base, String clientId, String compressionType) {
        return producer(base, clientId,
                new ProducerTuning(0, ProducerTuning.KAFKA_DEFAULT_BATCH_SIZE, compressionType));
    }

    /**
     * Producer settings: idempotent, {@code acks=all}, byte-array serializers, and the batching of {@code tuning}
     * (which {@code base} cannot override: each use of a producer chooses its own, see {@link ProducerTuning}).
     *
     * @param base bootstrap servers and security settings (and tunables to override)
     * @param clientId the client id, e.g. the node id
     * @param tuning linger, batch size and compression
     * @return an unmodifiable config map
     */
    public static Map<String, Object> producer(Map<String, Object> base, String clientId, ProducerTuning tuning) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(tuning, "tuning");
        requireNonBlank(clientId, ProducerConfig.CLIENT_ID_CONFIG);
        requireOneOf(tuning.compression(), ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION_TYPES);
        requireRange(tuning.lingerMs(), ProducerConfig.LINGER_MS_CONFIG, 0, 60_000);
        requireRange(tuning.batchSize(), ProducerConfig.BATCH_SIZE_CONFIG, 0, 1_048_576);
        Map<String, Object> m = new LinkedHashMap<>();
        // The defaults (120 s delivery, 60 s max.block) let a dead broker hang a call for minutes; these bring a
        // failed send back within reach of the pipeline's own timeout so retry and breaker can act on it.
        m.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        m.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        m.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        m.putAll(base);
        m.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        m.put(ProducerConfig.LINGER_MS_CONFIG, tuning.lingerMs());
        m.put(ProducerConfig.BATCH_SIZE_CONFIG, tuning.batchSize());
        m.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, tuning.compression());
        m.put(ProducerConfig.ACKS_CONFIG, "all");
        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        m.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        m.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Consumer settings of a dynamic member of the classic group protocol; see
     * {@link #consumer(Map, String, String, int, int, String, String, String)}.
     */
    public static Map<String, Object> consumer(Map<String, Object> base, String groupId, String clientId,
            int maxPollRecords, int sessionTimeoutMs, String autoOffsetReset) {
        return consumer(base, groupId, clientId, maxPollRecords, sessionTimeoutMs, autoOffsetReset, GROUP_PROTOCOL_CLASSIC,
                null);
    }

    /**
     * Consumer settings: manual commits (the {@link ConsumerLoop} commits only what is done), read-committed,
     * byte-array deserializers, and the group membership that decides how fast partitions move between instances.
     *
     * <ul>
     *   <li>{@code classic}: the session timeout and a heartbeat of a fifth of it are set here, and the cooperative
     *       sticky assignor (a rebalance moves only the partitions that change owner; the others keep being
     *       served).</li>
     *   <li>{@code consumer} (KIP-848): the broker assigns and owns the session timeout
     *       ({@code group.consumer.session.timeout.ms}, 45 s by default), so neither is set here.</li>
     *   <li>{@code groupInstanceId} (static membership, either protocol): a restarted instance with the same id gets
     *       its partitions back without waiting for its old session to expire. {@link ConsumerLoop#close} still
     *       leaves the group, so a clean stop hands the partitions over at once.</li>
     * </ul>
     *
     * @param base bootstrap servers and security settings (and tunables to override)
     * @param groupId the consumer group
     * @param clientId the client id
     * @param maxPollRecords records per poll, 1 to 10000
     * @param sessionTimeoutMs session timeout, 1000 to 300000 ms (classic protocol only)
     * @param autoOffsetReset one of {@link #OFFSET_RESETS}
     * @param groupProtocol one of {@link #GROUP_PROTOCOLS}
     * @param groupInstanceId the static member id, unique in the group and stable across restarts; null for a
     *     dynamic member
     * @return an unmodifiable config map
     */
    public static Map<String, Object> consumer(Map<String, Object> base, String groupId, String clientId,
            int maxPollRecords, int sessionTimeoutMs, String autoOffsetReset, String groupProtocol,
            String groupInstanceId) {
        Objects.requireNonNull(base, "base");
        requireNonBlank(groupId, ConsumerConfig.GROUP_ID_CONFIG);
        requireNonBlank(clientId, ConsumerConfig.CLIENT_ID_CONFIG);
        requireRange(maxPollRecords, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1, 10_000);
        requireRange(sessionTimeoutMs, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 1_000, 300_000);
        requireOneOf(autoOffsetReset, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, OFFSET_RESETS);
        requireOneOf(groupProtocol, ConsumerConfig.GROUP_PROTOCOL_CONFIG, GROUP_PROTOCOLS);
        if (groupInstanceId != null) {
            requireNonBlank(groupInstanceId, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (groupProtocol.equals(GROUP_PROTOCOL_CLASSIC)) {
            m.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            m.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(200, sessionTimeoutMs / 5));
        }
        m.putAll(base);
        m.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        m.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        m.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
        if (groupProtocol.equals(GROUP_PROTOCOL_CLASSIC)) {
            m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        } else {
            // rejected by the client under the consumer protocol: the broker decides these
            m.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            m.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
            m.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        }
        if (groupInstanceId != null) {
            m.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        }
        m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        m.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Admin client settings.
     *
     * @param base bootstrap servers and security settings (and tunables to override)
     * @return an unmodifiable config map
     */
    public static Map<String, Object> admin(Map<String, Object> base) {
        Objects.requireNonNull(base, "base");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        m.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        m.putAll(base);
        return Collections.unmodifiableMap(m);
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name
                    + ": must be a non-empty string");
        }
    }

    private static void requireRange(int value, String name, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name
                    + ": must be between " + min + " and " + max);
        }
    }

    private static void requireOneOf(String value, String name, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name
                    + ": must be one of " + new java.util.TreeSet<>(allowed));
        }
    }
}
