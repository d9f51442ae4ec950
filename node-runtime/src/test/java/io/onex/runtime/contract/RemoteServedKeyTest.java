package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteServedKeyTest {

    private final ContractLoader loader = new ContractLoader(Map.of());

    @Test
    void aNodeOtherRuntimesRunIsDeclaredWithoutImplementationAndCarriesTheCallersPolicies() throws Exception {
        NodeContract c = loader.parse("""
                name: pricing_compute
                version: 1.0.0
                node_type: compute
                resilience:
                  timeout: 2s
                  retry:
                    max_attempts: 3
                outputs:
                  price: integer
                remote:
                  served: elsewhere
                """, Path.of("pricing.yaml"));

        assertThat(c.servedElsewhere()).isTrue();
        assertThat(c.implementation()).isEmpty();
        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.resilience().retry().maxAttempts()).isEqualTo(3);
        assertThat(c.deadLetterEnabled()).as("the table's default, as for a node run here").isTrue();
        assertThat(c.outputs()).containsEntry("price", "integer");
    }

    @Test
    void aNodeRunHereStillNeedsItsImplementation() {
        assertThatThrownBy(() -> loader.parse("name: x\nversion: 1.0.0\nnode_type: compute\nremote:\n  served: here\n",
                Path.of("x.yaml")))
                .isInstanceOf(ContractValidationException.class)
                .hasMessageContaining("x.yaml:1:1: implementation: required key is missing");
    }

    @Test
    void byDefaultANodeIsRunHere() throws Exception {
        NodeContract c = loader.parse("name: x\nversion: 1.0.0\nnode_type: compute\nimplementation: a.B\n",
                Path.of("x.yaml"));

        assertThat(c.servedElsewhere()).isFalse();
    }
}
