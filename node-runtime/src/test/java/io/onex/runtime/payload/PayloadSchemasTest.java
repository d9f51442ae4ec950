package io.onex.runtime.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.InvalidInputException;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadSchemasTest {

    private static final String TOPIC = "dev.omninode_bridge.agents.evt.agent-quality-gate.v1";

    private static NodeContract contract(String schema) throws Exception {
        return new ContractLoader(Map.of()).parse("""
                name: gate_reader
                version: 1.0.0
                node_type: effect
                implementation: io.onex.test.Node
                topics:
                  subscribe: [agents.evt.agent-quality-gate.v1, agents.evt.agent-coordination.v1]
                topic_settings:
                  agents.evt.agent-quality-gate.v1:
                    payload_schema: %s
                """.formatted(schema), Path.of("contracts/gate_reader.yaml"));
    }

    private static PayloadSchemas load(NodeContract c) {
        return PayloadSchemas.load(List.of(c), t -> "dev.omninode_bridge." + t, EnvelopeCodec.defaultMapper(),
                PayloadSchemasTest.class.getClassLoader());
    }

    @Test
    void acceptsAPayloadThatSatisfiesItsTopicsSchemaAndLeavesOtherTopicsUnchecked() throws Exception {
        PayloadSchemas schemas = load(contract("io/onex/runtime/payload/quality-gate.test.json"));

        assertThat(schemas.problem(TOPIC, Map.of("agent_name", "a", "status", "passed", "execution_time_ms", 3)))
                .isEmpty();
        assertThat(schemas.problem("dev.omninode_bridge.agents.evt.agent-coordination.v1", Map.of())).isEmpty();
    }

    @Test
    void namesEveryFieldAndTheRuleItBreaks() throws Exception {
        PayloadSchemas schemas = load(contract("io/onex/runtime/payload/quality-gate.test.json"));

        assertThat(schemas.problem(TOPIC, Map.of("status", "green", "execution_time_ms", -1))).contains(
                "payload of " + TOPIC + " does not match io/onex/runtime/payload/quality-gate.test.json: "
                        + "$: required property 'agent_name' not found (rule required); "
                        + "$.execution_time_ms: must have a minimum value of 0 (rule minimum); "
                        + "$.status: does not have a value in the enumeration [\"passed\", \"failed\", \"skipped\"]"
                        + " (rule enum)");
        assertThatThrownBy(() -> schemas.check(TOPIC, Map.of("status", "passed", "execution_time_ms", 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("$: required property 'agent_name' not found (rule required)");
    }

    @Test
    void refusesAMissingSchemaResourceNamingTheContractAndKey() throws Exception {
        NodeContract c = contract("io/onex/runtime/payload/no-such.json");

        assertThatThrownBy(() -> load(c)).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "1 payload schema error(s): contracts/gate_reader.yaml: topic_settings.agents.evt.agent-quality-gate"
                        + ".v1.payload_schema: expected a JSON Schema on the classpath, but there is no resource "
                        + "io/onex/runtime/payload/no-such.json");
    }
}
