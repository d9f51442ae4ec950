package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker outage, on a broker of this test's own (never the shared one): calls fail until the breaker opens, then
 * fail fast without waiting on Kafka, and succeed again once the broker is back. The contract's settings come from
 * the environment, as an operator would shorten them.
 */
class NodeKafkaEventEffectBrokerOutageIT {

    private static final Map<String, Object> EVENT = Map.of("topic", "outage.v1", "event_type", "PING",
            "payload", Map.of("n", 1));

    private EmbeddedKafkaBroker broker;
    private OnexRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafkaBroker.builder().start();
        Map<String, String> env = Map.of("KAFKA_EFFECT_MAX_ATTEMPTS", "1", "KAFKA_EFFECT_TIMEOUT", "1s",
                "KAFKA_EFFECT_BREAKER_THRESHOLD", "2", "KAFKA_EFFECT_BREAKER_TIMEOUT", "2s",
                "KAFKA_EFFECT_DLQ_ENABLED", "false", "KAFKA_COMPRESSION_TYPE", "none");
        runtime = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(MockKafkaPipeline.CONTRACT)))
                .environment(env).bootstrapServers(broker.bootstrapServers()).httpPort(-1).build().start();
        try (Admin admin = Admin.create(KafkaClientProperties.admin(runtime.config().kafkaClientProperties()))) {
            new TopicProvisioner(admin, 1, (short) 1, "producer").ensureTopics(List.of("outage.v1"),
                    Duration.ofSeconds(30));
        }
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private CompletableFuture<Object> call() {
        return runtime.call("kafka_event_effect", EVENT).toCompletableFuture();
    }

    @Test
    void failsFastWhileTheBrokerIsDownAndRecoversAfterItRestarts() throws Exception {
        assertThat(((KafkaEventOutput) call().get(30, TimeUnit.SECONDS)).success()).isTrue();

        broker.stop();
        assertThat(call()).failsWithin(Duration.ofSeconds(10));
        assertThat(call()).failsWithin(Duration.ofSeconds(10));
        NodeKafkaEventEffect node = runtime.node("kafka_event_effect", NodeKafkaEventEffect.class);
        assertThat(node.metrics().circuitBreakerStatus()).isEqualTo("open");

        long t0 = System.nanoTime();
        CompletableFuture<Object> rejected = call();
        assertThat(rejected).failsWithin(Duration.ofMillis(500)).withThrowableThat()
                .havingRootCause().isInstanceOf(CallNotPermittedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));

        broker.restart();
        // after the open wait, each call is a trial; the first one the broker answers closes the breaker
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> ((KafkaEventOutput) call().get(5, TimeUnit.SECONDS)).success());
        assertThat(node.metrics().circuitBreakerStatus()).isEqualTo("closed");
    }
}
