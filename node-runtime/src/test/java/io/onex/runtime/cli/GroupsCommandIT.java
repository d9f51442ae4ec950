package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code onex groups} against a real consumer group with a known lag, and its verdict. */
class GroupsCommandIT {

    @Test
    void showsAMembersAssignmentCommittedOffsetAndLagThenCriticalOnceNobodyIsLeftToConsume() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-groups");
        String group = SharedKafka.uniqueTopic("ops-group");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(new ProducerRecord<>(topic, 0, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
        }
        @SuppressWarnings("unchecked")
        ProducerRecord<byte[], byte[]>[] all = records.toArray(new ProducerRecord[0]);
        OperatorVerbs.send(servers, all);
        TopicPartition tp = new TopicPartition(topic, 0);

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, "lagging-client", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(10)));

            OperatorVerbs.Result r = OperatorVerbs.run("groups", group, "--bootstrap", servers,
                    "--warn-lag", "5", "--critical-lag", "100");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out())
                    .startsWith("GROUP " + group + "  state=stable  members=1  lag=20  WARNING (lag 20 > 5)\n");
            assertThat(r.out().lines().filter(l -> l.startsWith("  " + topic + " "))).singleElement()
                    .satisfies(l -> assertThat(l.trim().split(" +"))
                            .containsExactly(topic, "0", "lagging-client", "(127.0.0.1)", "10", "30", "20"));
            assertThat(r.out()).endsWith("1 group(s) on " + servers + ": 0 ok, 1 warning, 0 critical\n");
        }

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> OperatorVerbs.run("groups", group, "--bootstrap", servers).out().contains("state=empty"));
        OperatorVerbs.Result left = OperatorVerbs.run("groups", group, "--bootstrap", servers);

        assertThat(left.code()).isEqualTo(1);
        assertThat(left.out()).startsWith("GROUP " + group + "  state=empty  members=0  lag=20  CRITICAL (lag 20 and no"
                + " members to consume it)\n");
        assertThat(left.out().lines().filter(l -> l.startsWith("  " + topic + " "))).singleElement()
                .satisfies(l -> assertThat(l.trim().split(" +")).containsExactly(topic, "0", "-", "10", "30", "20"));
    }

    @Test
    void withoutAGroupEveryConsumerGroupIsListed() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-groups-all");
        String group = SharedKafka.uniqueTopic("ops-group-all");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });

            OperatorVerbs.Result r = OperatorVerbs.run("groups", "--bootstrap", servers);

            assertThat(r.out()).contains("GROUP " + group + "  state=stable  members=1  lag=0  OK (lag 0)\n");
            assertThat(r.out()).containsPattern("\\d+ group\\(s\\) on " + servers.replace(".", "\\.") + ": ");
        }
    }

    @Test
    void anUnknownGroupIsNamedAsSuch() {
        String group = SharedKafka.uniqueTopic("no-such-group");

        OperatorVerbs.Result r = OperatorVerbs.run("groups", group, "--bootstrap", SharedKafka.bootstrapServers());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: no consumer group " + group + " on " + SharedKafka.bootstrapServers()
                + " (`onex groups` lists them)\n");
    }

    @Test
    void criticalBelowWarningIsAUsageError() {
        OperatorVerbs.Result r = OperatorVerbs.run("groups", "--bootstrap", "127.0.0.1:1", "--warn-lag", "10",
                "--critical-lag", "5");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--warn-lag/--critical-lag: critical lag must be greater than or equal to the"
                + " warning lag (10), but was 5");
    }
}
