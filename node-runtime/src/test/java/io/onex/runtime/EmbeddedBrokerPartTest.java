package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.config.RuntimeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerPartTest {

    @Test
    void withoutAClusterAndWithoutTheEmbeddedBrokerArtifactStartUpNamesBothWaysOut() {
        EmbeddedBrokerPart part = new EmbeddedBrokerPart(RuntimeConfig.fromEnvironment(Map.of()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(null) { });   // a service without io.onex:onex-embedded-broker
        try {
            assertThatThrownBy(part::start).isInstanceOf(RuntimeStartupException.class)
                    .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is not set")
                    .hasMessageContaining("OnexRuntime.Builder.bootstrapServers(..)")
                    .hasMessageContaining("add the dependency io.onex:onex-embedded-broker");
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(part.embedded()).isFalse();
    }

    @Test
    void withAClusterConfiguredNothingEmbeddedStarts() {
        EmbeddedBrokerPart part = new EmbeddedBrokerPart(
                RuntimeConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")));

        part.start();

        assertThat(part.embedded()).isFalse();
        assertThat(part.config().bootstrapServers()).contains("127.0.0.1:9");
    }
}
