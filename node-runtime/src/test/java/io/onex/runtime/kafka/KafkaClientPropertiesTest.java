package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private static final Map<String, Object> BASE = Map.of("bootstrap.servers", "b:9092",
            "security.protocol", "SASL_SSL");

    @Test
    void producerOfRequestsIsIdempotentWithAcksAllNoLingerAndBoundedTimeouts() {
        Map<String, Object> p = KafkaClientProperties.producer(BASE, "node-1", "lz4");

        assertThat(p).containsEntry("bootstrap.servers", "b:9092").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "node-1")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 16_384)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // the whole map must be something KafkaProducer accepts
        new ProducerConfig(p);
    }

    @Test
    void baseMayTuneTimeoutsButNotWeakenAcksOrIdempotenceNorOverrideTheChosenBatching() {
        Map<String, Object> p = KafkaClientProperties.producer(Map.of("delivery.timeout.ms", 60_000,
                "linger.ms", 20, "acks", "1", "enable.idempotence", false), "n", "none");

        assertThat(p).containsEntry("delivery.timeout.ms", 60_000).containsEntry("linger.ms", 0)
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
    }

    @Test
    void producerTakesLingerBatchSizeAndCompressionFromItsTuning() {
        Map<String, Object> p = KafkaClientProperties.producer(BASE, "node-1", new ProducerTuning(5, 65_536, "zstd"));

        assertThat(p).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        new ProducerConfig(p);
    }

    @Test
    void producerRejectsOutOfRangeBatchingNamingTheSetting() {
        assertThatThrownBy(() -> KafkaClientProperties.producer(BASE, "n", new ProducerTuning(-1, 0, "none")))
                .hasMessage("Invalid value -1 for configuration linger.ms: must be between 0 and 60000");
        assertThatThrownBy(() -> KafkaClientProperties.producer(BASE, "n", new ProducerTuning(0, 2_000_000, "none")))
                .hasMessage("Invalid value 2000000 for configuration batch.size: must be between 0 and 1048576");
    }

    @Test
    void consumerCommitsManuallyAndReadsCommittedOnly() {
        Map<String, Object> c = KafkaClientProperties.consumer(
                Map.of("bootstrap.servers", "b:9092", "enable.auto.commit", true), "group-1", "node-1", 500, 45_000,
                "earliest");

        assertThat(c).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "group-1")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "node-1")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        new ConsumerConfig(c);
    }

    @Test
    void consumerRejectsOutOfRangeValuesNamingTheSetting() {
        assertThatThrownBy(() -> KafkaClientProperties.consumer(BASE, "g", "c", 0, 45_000, "earliest"))
                .hasMessage("Invalid value 0 for configuration max.poll.records: must be between 1 and 10000");
        assertThatThrownBy(() -> KafkaClientProperties.consumer(BASE, "g", "c", 10, 999, "earliest"))
                .hasMessage("Invalid value 999 for configuration session.timeout.ms: must be between 1000 and 300000");
        assertThatThrownBy(() -> KafkaClientProperties.consumer(BASE, "g", "c", 10, 45_000, "newest"))
                .hasMessage("Invalid value newest for configuration auto.offset.reset: must be one of "
                        + "[earliest, latest, none]");
        assertThatThrownBy(() -> KafkaClientProperties.producer(BASE, "c", "brotli"))
                .hasMessage("Invalid value brotli for configuration compression.type: must be one of "
                        + "[gzip, lz4, none, snappy, zstd]");
    }

    @Test
    void adminKeepsBaseAndBoundsRequestTimeouts() {
        Map<String, Object> a = KafkaClientProperties.admin(BASE);

        assertThat(a).containsEntry("bootstrap.servers", "b:9092").containsEntry("request.timeout.ms", 10_000)
                .containsEntry("default.api.timeout.ms", 30_000);
    }

    @Test
    void classicMemberGetsTheCooperativeAssignorAHeartbeatOfAFifthOfTheSessionAndItsStaticId() {
        Map<String, Object> c = KafkaClientProperties.consumer(Map.of("bootstrap.servers", "b:9092"), "g", "node-1",
                500, 6_000, "earliest", "classic", "orders-node-pod-1");

        assertThat(c).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "orders-node-pod-1")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_200)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        new ConsumerConfig(c);
    }

    @Test
    void consumerProtocolLeavesSessionAndAssignmentToTheBroker() {
        Map<String, Object> c = KafkaClientProperties.consumer(Map.of("bootstrap.servers", "b:9092",
                "heartbeat.interval.ms", 500), "g", "node-1", 500, 6_000, "earliest", "consumer", null);

        assertThat(c).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")
                .doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        new ConsumerConfig(c);
        assertThatThrownBy(() -> KafkaClientProperties.consumer(Map.of(), "g", "c", 10, 6_000, "earliest", "eager",
                null)).hasMessageContaining("group.protocol").hasMessageContaining("[classic, consumer]");
    }
}
