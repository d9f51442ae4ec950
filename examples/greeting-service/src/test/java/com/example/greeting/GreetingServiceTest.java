package com.example.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onex.runtime.OnexRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service as {@code main} starts it, on the embedded broker its pom adds (io.onex:onex-embedded-broker): the
 * call completes only once the broker has the published greeting.
 */
class GreetingServiceTest {

    @Test
    void startsOnTheEmbeddedBrokerAndGreetsThroughIt() {
        try (OnexRuntime runtime = GreetingService.start(OnexRuntime.builder()
                .environment(Map.of())   // not the machine's KAFKA_BOOTSTRAP_SERVERS: the embedded default
                .httpPort(0))) {
            Object answer = runtime.call("greeting_effect", Map.of("name", "Ada")).toCompletableFuture().join();

            assertEquals(Map.of("greeting", "hello Ada"), answer);
            assertNotNull(runtime.bootstrapServers());
            assertTrue(runtime.httpPort() > 0, "serving /health on a free port");
        }
    }
}
