package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contracts shipped in the repository's {@code contracts/} folder (Surefire runs in the module folder). */
class RepositoryContractsTest {

    private static final Path CONTRACTS = Path.of("..", "contracts");

    @Test
    void everyShippedContractPassesTheSchemaAndTheLoader() throws Exception {
        List<Path> files = contractFiles();
        ContractSchema schema = new ContractSchema();

        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(schema.validate(file)).as("schema problems of %s", file).isEmpty();
        }
        assertThat(new ContractLoader(Map.of()).loadAll(CONTRACTS)).hasSize(files.size());
    }

    @Test
    void kafkaEventEffectContractDeclaresItsResiliencePolicy() throws Exception {
        NodeContract c = new ContractLoader(Map.of()).load(CONTRACTS.resolve("kafka_event_effect.yaml"));

        assertThat(c.name()).isEqualTo("kafka_event_effect");
        assertThat(c.nodeType()).isEqualTo(NodeType.EFFECT);
        assertThat(c.implementation()).isEqualTo("io.onex.nodes.kafkaeffect.NodeKafkaEventEffect");
        assertThat(c.subscribes()).isFalse();
        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(3);
        assertThat(c.resilience().retry().initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.resilience().retry().multiplier()).isEqualTo(2.0);
        assertThat(c.resilience().retry().maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.resilience().retry().jitter()).isPositive();
        assertThat(c.resilience().circuitBreaker())
                .isEqualTo(new CircuitBreakerSpec(true, 100f, 5, 5, Duration.ofSeconds(60), 1, false));
        assertThat(c.deadLetterEnabled()).isTrue();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.config()).containsEntry("topic_prefix", "").containsEntry("default_event_version", "1.0.0");
    }

    @Test
    void kafkaEventEffectTakesItsTopicPrefixFromTheEnvironment() throws Exception {
        NodeContract c = new ContractLoader(Map.of("KAFKA_TOPIC_PREFIX", "dev.archon-intelligence"))
                .load(CONTRACTS.resolve("kafka_event_effect.yaml"));

        assertThat(c.config()).containsEntry("topic_prefix", "dev.archon-intelligence");
    }

    private static List<Path> contractFiles() throws IOException {
        try (Stream<Path> s = Files.list(CONTRACTS)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
