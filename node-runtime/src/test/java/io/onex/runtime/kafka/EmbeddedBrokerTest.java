package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void withoutTheEmbeddedBrokerArtifactStartingOneNamesTheArtifactToAdd() {
        ClassLoader withoutIt = new ClassLoader(null) { };

        assertThatThrownBy(() -> EmbeddedBroker.start(withoutIt)).isInstanceOf(EmbeddedBroker.MissingException.class)
                .hasMessageContaining("add the dependency io.onex:onex-embedded-broker")
                .hasMessageContaining("io.onex:onex-bom");
    }
}
