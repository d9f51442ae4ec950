package io.onex.nodes.agentlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.payload.PayloadSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seven payload schemas as the shipped contract declares them, each against its sample and its seed fields. */
class AgentPayloadSchemasTest {

    private static final Path CONTRACT = Path.of("../contracts/agent_intelligence_logger.yaml");
    private static NodeContract contract;
    private static PayloadSchemas schemas;

    @BeforeAll
    static void load() throws Exception {
        contract = new ContractLoader(Map.of()).load(CONTRACT);
        schemas = PayloadSchemas.load(List.of(contract), t -> "dev.omninode_bridge." + t,
                EnvelopeCodec.defaultMapper(), AgentPayloadSchemasTest.class.getClassLoader());
    }

    private static String topic(AgentTopic t) {
        return "dev.omninode_bridge." + t.topic();
    }

    @Test
    void theContractGivesEveryTopicItsSchemaAndTheSeedsPartitionsAndRetention() {
        assertThat(contract.topics().subscribe()).containsExactlyElementsOf(
                java.util.Arrays.stream(AgentTopic.values()).map(AgentTopic::topic).toList());
        for (AgentTopic t : AgentTopic.values()) {
            assertThat(schemas.resourceOf(topic(t))).as(t.name()).contains(t.schemaResource());
            boolean busy = t == AgentTopic.PERFORMANCE_METRIC || t == AgentTopic.EXECUTION_LOG;
            assertThat(contract.topicSettings().get(t.topic()).partitions()).as(t.name())
                    .hasValue(busy ? 6 : 3);
            assertThat(contract.topicSettings().get(t.topic()).retention()).as(t.name()).contains(
                    java.time.Duration.ofDays(t == AgentTopic.PERFORMANCE_METRIC ? 14 : 7));
        }
        assertThat(contract.consumer().orElseThrow().groupId()).isEqualTo("agent-intelligence-logger");
    }

    @ParameterizedTest
    @EnumSource(AgentTopic.class)
    void acceptsTheSampleOfItsTopic(AgentTopic t) {
        assertThat(schemas.problem(topic(t), AgentEventSamples.payload(t, 1))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AgentTopic.class)
    void refusesAPayloadWithoutARequiredFieldNamingTheField(AgentTopic t) {
        List<String> required = t.columns().stream().filter(AgentColumn::required).map(AgentColumn::name).toList();
        assertThat(required).isNotEmpty();
        List<String> accepted = new ArrayList<>();
        for (String field : required) {
            Map<String, Object> payload = new LinkedHashMap<>(AgentEventSamples.payload(t, 1));
            payload.remove(field);
            schemas.problem(topic(t), payload).ifPresentOrElse(
                    p -> assertThat(p).as(field).contains("$: required property '" + field + "' not found (rule required)"),
                    () -> accepted.add(field));
        }
        assertThat(accepted).as("required fields whose absence the schema accepts").isEmpty();
    }

    @Test
    void refusesValuesOutsideTheSeedsRangesAndEnums() {
        Map<String, Object> routing = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.ROUTING_DECISION, 1));
        routing.put("confidence_score", 1.5);
        Map<String, Object> gate = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.QUALITY_GATE, 1));
        gate.put("status", "green");
        Map<String, Object> metric = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.PERFORMANCE_METRIC, 1));
        metric.put("candidates_evaluated", "four");

        assertThat(schemas.problem(topic(AgentTopic.ROUTING_DECISION), routing)).hasValueSatisfying(p ->
                assertThat(p).contains("$.confidence_score: must have a maximum value of 1 (rule maximum)"));
        assertThat(schemas.problem(topic(AgentTopic.QUALITY_GATE), gate)).hasValueSatisfying(p ->
                assertThat(p).contains("$.status: does not have a value in the enumeration").contains("(rule enum)"));
        assertThat(schemas.problem(topic(AgentTopic.PERFORMANCE_METRIC), metric)).hasValueSatisfying(p ->
                assertThat(p).contains("$.candidates_evaluated: string found, integer expected (rule type)"));
    }
}
