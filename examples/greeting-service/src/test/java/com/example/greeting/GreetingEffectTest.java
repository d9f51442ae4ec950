package com.example.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onex.runtime.testing.NodeTestKit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node as the runtime wires it, on a MockProducer and virtual time: no broker. */
class GreetingEffectTest {

    private static final Path CONTRACT = Path.of("contracts/greeting_effect.yaml");

    @Test
    void greetsByNameAndPublishesTheGreeting() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            Object out = kit.call(Map.of("name", "Ada")).join();

            assertEquals(Map.of(GreetingEffect.GREETING, "hello Ada"), out);
            assertEquals(1, kit.publishedTo(GreetingEffect.PUBLISHED).size());
        }
    }

    @Test
    void theGreetingComesFromTheContractsConfig() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT)
                .environment(Map.of("GREETING_EFFECT_GREETING", "hi")).build()) {
            assertEquals(Map.of(GreetingEffect.GREETING, "hi Ada"), kit.call(Map.of("name", "Ada")).join());
        }
    }
}
