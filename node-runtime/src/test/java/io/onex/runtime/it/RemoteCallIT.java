package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NodeExecutionException;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.remote.NoLiveInstanceException;
import io.onex.runtime.remote.RemoteNonRetryableException;
import io.onex.runtime.testing.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two runtimes on the embedded broker: A calls a node only B runs, by request and reply over Kafka. */
class RemoteCallIT {

    @Test
    void aRuntimeCallsANodeOnlyAnotherRuntimeRunsAndFailsFastOnceItIsGone() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_rc_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime a = runtime(env, "a")) {
            try (OnexRuntime b = runtime(env, "b")) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> !a.directory().findByName("pricing_compute").isEmpty());
                assertThat(a.directory().findByName("pricing_compute")).singleElement()
                        .satisfies(e -> assertThat(e.nodeId()).isEqualTo(b.nodeId("pricing_compute")));

                Object out = a.call("pricing_compute", Map.of("sku", "tea", "qty", 4)).toCompletableFuture()
                        .get();
                assertThat(out).isEqualTo(Map.of("price", 12));

                int runsBefore = PricingCompute.RUNS.get();
                CompletableFuture<Object> refused = a.call("pricing_compute", Map.of("sku", "unknown", "qty", 1))
                        .toCompletableFuture();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(refused::isDone);
                assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(NodeExecutionException.class)
                        .hasCauseInstanceOf(RemoteNonRetryableException.class)
                        .hasMessageContaining("sku unknown is not sold");
                assertThat(PricingCompute.RUNS.get() - runsBefore).as("a non-retryable remote error is not retried")
                        .isEqualTo(1);
            }

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.directory().findByName("pricing_compute").isEmpty());
            long started = System.nanoTime();
            CompletableFuture<Object> gone = a.call("pricing_compute", Map.of("sku", "tea", "qty", 1))
                    .toCompletableFuture();
            assertThat(gone).isCompletedExceptionally();
            assertThat(gone.handle((v, e) -> e).join()).isInstanceOf(NoLiveInstanceException.class)
                    .hasMessageStartingWith("no live instance of 'pricing_compute' (last seen ")
                    .hasMessageEndingWith(", offline)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    private static OnexRuntime runtime(Map<String, String> env, String contracts) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/remote-call-contracts/" + contracts))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }
}
