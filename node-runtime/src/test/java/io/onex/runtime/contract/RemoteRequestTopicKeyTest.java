package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.remote.RemoteTopics;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteRequestTopicKeyTest {

    private static final String BASE = """
            name: pricing_compute
            version: 1.0.0
            node_type: compute
            implementation: com.example.PricingCompute
            """;
    private final ContractLoader loader = new ContractLoader(Map.of());

    @Test
    void withoutTheKeyTheRequestTopicIsDerivedFromTheName() throws Exception {
        NodeContract c = loader.parse(BASE, Path.of("pricing.yaml"));

        assertThat(c.requestTopic()).isEmpty();
        assertThat(RemoteTopics.requestTopic(c)).isEqualTo("onex.cmd.pricing-compute-requested.v1");
    }

    @Test
    void anExplicitRequestTopicMayBeAnOnexReferenceOrALegacyFlatName() throws Exception {
        NodeContract onex = loader.parse(BASE + "remote:\n  request_topic: onex.cmd.pricing-quote-requested.v1\n",
                Path.of("pricing.yaml"));
        NodeContract flat = loader.parse(BASE + "remote:\n  request_topic: pricing_requests\n",
                Path.of("pricing.yaml"));

        assertThat(RemoteTopics.requestTopic(onex)).isEqualTo("onex.cmd.pricing-quote-requested.v1");
        assertThat(RemoteTopics.requestTopic(flat)).isEqualTo("pricing_requests");
    }

    @Test
    void anUnknownKeyUnderRemoteIsRejected() {
        assertThatThrownBy(() -> loader.parse(BASE + "remote:\n  reqest_topic: x\n", Path.of("pricing.yaml")))
                .isInstanceOf(ContractValidationException.class).hasMessageContaining("reqest_topic");
    }
}
