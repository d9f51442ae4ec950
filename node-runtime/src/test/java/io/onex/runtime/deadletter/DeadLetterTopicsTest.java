package io.onex.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicSettings;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.kafka.ContractTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A contract may name the dead-letter topic of one of its topics, as the Python services' codegen DLQs are named. */
class DeadLetterTopicsTest {

    private final RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of());

    private NodeContract contract() throws Exception {
        return new ContractLoader(Map.of()).parse("""
                name: validator
                version: 1.0.0
                node_type: effect
                implementation: a.Validator
                topics:
                  subscribe: [omninode_codegen_request_validate_v1, onex.evt.other-requested.v1]
                  publish: [omninode_codegen_response_validate_v1]
                topic_settings:
                  omninode_codegen_request_validate_v1:
                    dead_letter_topic: omninode_codegen_dlq_validate_v1
                """, Path.of("validator.yaml"));
    }

    @Test
    void aNamedDeadLetterTopicReplacesDotDlqForItsTopicOnly() throws Exception {
        DeadLetterTopics topics = DeadLetterTopics.of(List.of(contract()), config::resolveTopic);

        assertThat(topics.of("omninode_codegen_request_validate_v1")).isEqualTo("omninode_codegen_dlq_validate_v1");
        assertThat(topics.of("dev.omninode_bridge.onex.evt.other-requested.v1"))
                .isEqualTo("dev.omninode_bridge.onex.evt.other-requested.v1.dlq");
        assertThat(DeadLetterTopics.none().of("x")).isEqualTo("x.dlq");
    }

    @Test
    void theRuntimeCreatesTheNamedTopicInsteadOfDotDlqWithTheDeadLetterDefaults() throws Exception {
        List<NodeContract> contracts = List.of(contract());

        assertThat(ContractTopics.of(contracts, config)).contains("omninode_codegen_dlq_validate_v1")
                .doesNotContain("omninode_codegen_request_validate_v1.dlq")
                .contains("omninode_codegen_response_validate_v1.dlq");
        TopicSettings dlq = ContractTopics.settings(contracts, config).get("omninode_codegen_dlq_validate_v1");
        assertThat(dlq.partitions()).isEqualTo(OptionalInt.of(1));
        assertThat(dlq.retention()).contains(Duration.ofDays(30));
    }
}
