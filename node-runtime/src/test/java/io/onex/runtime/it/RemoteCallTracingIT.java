package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.tracing.InMemoryTracing;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A remote call stays in the caller's trace: the callee's node call is a child of the caller's. */
class RemoteCallTracingIT {

    @RegisterExtension
    final InMemoryTracing tracing = InMemoryTracing.installed();

    @Test
    void theCalleesNodeCallIsAChildOfTheCallersInTheSameTrace() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_rct_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime a = runtime(env, "a"); OnexRuntime b = runtime(env, "b")) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> !a.directory().findByName("pricing_compute").isEmpty());

            Object out = a.call("pricing_compute", Map.of("sku", "tea", "qty", 4)).toCompletableFuture().get();

            assertThat(out).isEqualTo(Map.of("price", 12));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 2);
        }
        List<SpanData> calls = calls();
        SpanData caller = calls.stream().filter(s -> !s.getParentSpanContext().isValid()).findFirst().orElseThrow();
        SpanData callee = calls.stream().filter(s -> s != caller).findFirst().orElseThrow();
        assertThat(callee.getTraceId()).isEqualTo(caller.getTraceId());
        assertThat(callee.getParentSpanId()).isEqualTo(caller.getSpanId());
    }

    private List<SpanData> calls() {
        return tracing.named("onex.node pricing_compute");
    }

    private static OnexRuntime runtime(Map<String, String> env, String contracts) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/remote-call-contracts/" + contracts))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }
}
