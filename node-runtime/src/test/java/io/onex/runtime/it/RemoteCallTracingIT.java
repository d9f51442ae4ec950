package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A remote call stays in the caller's trace: the callee's node call is a child of the caller's. */
class RemoteCallTracingIT {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @BeforeEach
    void installSdk() {
        GlobalOpenTelemetry.resetForTest();
        OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .buildAndRegisterGlobal();
    }

    @AfterEach
    void removeSdk() {
        GlobalOpenTelemetry.resetForTest();
    }

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
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("onex.node pricing_compute"))
                .toList();
    }

    private static OnexRuntime runtime(Map<String, String> env, String contracts) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/remote-call-contracts/" + contracts))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }
}
