package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.testing.SharedKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A node injects the runtime's StepInvoker (WorkflowModule) and calls another node through its pipeline. */
class StepInvokerInjectionIT {

    @Test
    void aNodeCallsAnotherNodeThroughTheInjectedStepInvokerOnceTheRuntimeRuns() throws Exception {
        RelayEffect.CALL_DURING_START.set(null);
        try (OnexRuntime runtime = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/step-invoker-contracts"))
                .environment(Map.of("ONEX_TENANT", "it_" + UUID.randomUUID().toString().substring(0, 8)))
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {

            Object out = runtime.call("relay_effect", Map.of("n", 21),
                    CallOptions.builder().correlationId("corr-relay").build()).toCompletableFuture().get();

            assertThat(out).isEqualTo(Map.of("n", 42, "correlation_id", "corr-relay"));
            assertThat(RelayEffect.CALL_DURING_START.get()).as("resolved per call: not running during start")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is starting, not running");
        }
    }
}
