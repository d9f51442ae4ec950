package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onex topics} and {@code onex topics create} against the embedded broker. */
class TopicsCommandIT {

    @Test
    void listsMatchingTopicsWithPartitionsRetentionEndOffsetsAndRecords() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-topics");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 2, (short) 1)
                .configs(Map.of("retention.ms", "43200000")));
        OperatorVerbs.send(servers, record(topic, 0), record(topic, 0), record(topic, 1));

        OperatorVerbs.Result r = OperatorVerbs.run("topics", topic, "--bootstrap", servers);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("TOPIC ");
        assertThat(r.out().lines().filter(l -> l.startsWith(topic)))
                .singleElement().satisfies(l -> assertThat(l.split(" +")).containsExactly(topic, "2", "12h", "3", "3"));
        assertThat(r.out()).endsWith("1 topic(s) on " + servers + "\n");
    }

    @Test
    void createMakesEveryTopicTheContractsNeedThenFindsThemThere(@TempDir Path dir) throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String name = SharedKafka.uniqueTopic("ops").replace('-', '_');
        String in = "onex.evt." + name.replace('_', '-') + "-in.v1";
        String out = "onex.evt." + name.replace('_', '-') + "-out.v1";
        Files.writeString(dir.resolve("n.yaml"), """
                name: %s
                version: 1.0.0
                node_type: effect
                implementation: io.onex.runtime.it.UppercaseEchoNode
                topics:
                  subscribe: [%s]
                  publish: [%s]
                dead_letter:
                  enabled: true
                """.formatted(name, in, out));

        OperatorVerbs.Result first = OperatorVerbs.run("topics", "create", "--contracts", dir.toString(),
                "--bootstrap", servers);

        assertThat(first.code()).as(first.err()).isZero();
        String full = "dev.omninode_bridge." + in;
        String fullOut = "dev.omninode_bridge." + out;
        assertThat(first.out()).contains("created  " + full + "\n", "created  " + full + ".dlq\n",
                "created  " + fullOut + "\n", "created  " + fullOut + ".dlq\n",
                " dev.omninode_bridge.onex.evt.node-heartbeat.v1\n");
        OperatorVerbs.Result listed = OperatorVerbs.run("topics", "*" + name.replace('_', '-') + "*",
                "--bootstrap", servers);
        assertThat(listed.out().lines().filter(l -> l.startsWith(full + " ")))
                .singleElement().satisfies(l -> assertThat(l.split(" +")).containsExactly(full, "3", "7d", "0", "0"));
        assertThat(listed.out().lines().filter(l -> l.startsWith(full + ".dlq ")))
                .singleElement().satisfies(l -> assertThat(l.split(" +")).containsExactly(full + ".dlq", "1", "30d",
                        "0", "0"));

        OperatorVerbs.Result again = OperatorVerbs.run("topics", "create", "--contracts", dir.toString(),
                "--bootstrap", servers);

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("created ").contains("exists   " + full + "\n")
                .contains(": 0 created, ");
    }

    @Test
    void createReportsABadContractAsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\nversion: 1.0.0\n");

        OperatorVerbs.Result r = OperatorVerbs.run("topics", "create", "--contracts", dir.toString(),
                "--bootstrap", SharedKafka.bootstrapServers());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("bad.yaml");
        assertThat(r.out()).isEmpty();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition) {
        return new ProducerRecord<>(topic, partition, null, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
