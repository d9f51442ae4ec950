package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.onex.api.contract.TopicSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private final TopicProvisioner provisioner = new TopicProvisioner(mock(Admin.class), 3, (short) 1, "lz4");

    @Test
    void regularTopicGetsConfiguredPartitionsSevenDaysAndCompression() {
        NewTopic t = provisioner.newTopic("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1");

        assertThat(t.numPartitions()).isEqualTo(3);
        assertThat(t.replicationFactor()).isEqualTo((short) 1);
        assertThat(t.configs()).containsEntry("retention.ms", "604800000").containsEntry("compression.type", "lz4");
    }

    @Test
    void deadLetterTopicGetsOnePartitionAndThirtyDays() {
        NewTopic t = provisioner.newTopic("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1.dlq");

        assertThat(t.numPartitions()).isEqualTo(1);
        assertThat(t.configs()).containsEntry("retention.ms", "2592000000").containsEntry("compression.type", "lz4");
    }

    @Test
    void topicWithContractSettingsGetsItsPartitionsAndRetentionAndItsDeadLetterTopicKeepsTheDefaults() {
        TopicProvisioner p = new TopicProvisioner(mock(Admin.class), 3, (short) 1, "lz4").withTopicSettings(Map.of(
                "dev.omninode_bridge.agents.evt.agent-performance-metric.v1",
                new TopicSettings(OptionalInt.of(6), Optional.of(Duration.ofDays(14)), Optional.empty()),
                "dev.omninode_bridge.agents.evt.agent-quality-gate.v1",
                new TopicSettings(OptionalInt.empty(), Optional.empty(), Optional.of("x.json"))));

        NewTopic metric = p.newTopic("dev.omninode_bridge.agents.evt.agent-performance-metric.v1");
        NewTopic gate = p.newTopic("dev.omninode_bridge.agents.evt.agent-quality-gate.v1");
        NewTopic metricDlq = p.newTopic("dev.omninode_bridge.agents.evt.agent-performance-metric.v1.dlq");

        assertThat(metric.numPartitions()).isEqualTo(6);
        assertThat(metric.configs()).containsEntry("retention.ms", "1209600000");
        assertThat(gate.numPartitions()).isEqualTo(3);
        assertThat(gate.configs()).containsEntry("retention.ms", "604800000");
        assertThat(metricDlq.numPartitions()).isEqualTo(1);
        assertThat(metricDlq.configs()).containsEntry("retention.ms", "2592000000");
    }

    @Test
    void producerCompressionNoneBecomesTheTopicsUncompressed() {
        NewTopic t = new TopicProvisioner(mock(Admin.class), 3, (short) 1, "none").newTopic("t");

        assertThat(t.configs()).containsEntry("compression.type", "uncompressed");
    }

    @Test
    void rejectsNonPositivePartitionsAndReplication() {
        assertThatThrownBy(() -> new TopicProvisioner(mock(Admin.class), 0, (short) 1, "lz4"))
                .hasMessage("partitions must be at least 1, but was 0");
        assertThatThrownBy(() -> new TopicProvisioner(mock(Admin.class), 3, (short) 0, "lz4"))
                .hasMessage("replicationFactor must be at least 1, but was 0");
    }
}
