package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEffectConfigTest {

    @Test
    void repositoryContractDefaults() {
        KafkaEffectConfig c = KafkaEffectConfig.from(MockKafkaPipeline.loadContract(Map.of()));

        assertThat(c).isEqualTo(new KafkaEffectConfig("", "1.0.0", Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(c.route("quality.assessed.v1")).isEqualTo("quality.assessed.v1");
    }

    @Test
    void environmentOverridesEverySettingOfTheContract() {
        NodeContract contract = MockKafkaPipeline.loadContract(Map.of("KAFKA_TOPIC_PREFIX", "dev.archon-intelligence",
                "KAFKA_EFFECT_MAX_ATTEMPTS", "5", "KAFKA_EFFECT_RETRY_BACKOFF", "2s",
                "KAFKA_EFFECT_BREAKER_THRESHOLD", "10", "KAFKA_EFFECT_BREAKER_TIMEOUT", "120s",
                "KAFKA_EFFECT_DLQ_ENABLED", "false", "KAFKA_EFFECT_TIMEOUT", "9s",
                "KAFKA_EFFECT_SHUTDOWN_TIMEOUT", "3s", "KAFKA_EFFECT_TRANSACTION_TIMEOUT", "1m"));
        KafkaEffectConfig c = KafkaEffectConfig.from(contract);

        assertThat(c.route("quality.assessed.v1")).isEqualTo("dev.archon-intelligence.quality.assessed.v1");
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.transactionTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(contract.resilience().retry().maxAttempts()).isEqualTo(5);
        assertThat(contract.resilience().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(contract.resilience().circuitBreaker().slidingWindowSize()).isEqualTo(10);
        assertThat(contract.resilience().circuitBreaker().waitInOpen()).isEqualTo(Duration.ofSeconds(120));
        assertThat(contract.resilience().timeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(contract.deadLetterEnabled()).isFalse();
    }

    @Test
    void reportsEveryBadKeyWithTheFileAndWhatWasExpected() {
        NodeContract contract = MockKafkaPipeline.loadContract(Map.of())
                .toBuilder().config(Map.of("topic_prefix", "bad prefix", "shutdown_timeout", "soon", "topic_prefx", "x"))
                .build();

        assertThatThrownBy(() -> KafkaEffectConfig.from(contract))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 errors in ../contracts/kafka_event_effect.yaml: "
                        + "config.topic_prefx: unknown key, expected one of [default_event_version, shutdown_timeout,"
                        + " topic_prefix, transaction_timeout]; "
                        + "config.topic_prefix: expected [a-zA-Z0-9._-]*, but was 'bad prefix'; "
                        + "config.shutdown_timeout: expected a positive duration like 500ms, 5s or 1m, but was 'soon'");
    }
}
