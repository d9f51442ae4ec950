package io.onex.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.config.RuntimeConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnexClientBuilderTest {

    @Test
    void unsetBootstrapServersWithoutAskingForAnEmbeddedBrokerIsRefusedSayingHowToFixIt() {
        RuntimeConfig noBootstrap = RuntimeConfig.fromEnvironment(Map.of());

        assertThatThrownBy(() -> OnexClient.builder().config(noBootstrap).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("KAFKA_BOOTSTRAP_SERVERS is not set: set it, or ask for an embedded broker with"
                        + " OnexClient.builder().embeddedBrokerWhenUnset()");
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> OnexClient.builder().maxInFlight(0))
                .hasMessage("maxInFlight must be at least 1, but was 0");
        assertThatThrownBy(() -> OnexClient.builder().handlerThreads(0))
                .hasMessage("handlerThreads must be at least 1, but was 0");
        assertThatThrownBy(() -> OnexClient.builder().closeTimeout(Duration.ZERO))
                .hasMessage("closeTimeout must be positive, but was PT0S");
    }
}
