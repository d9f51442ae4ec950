package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #15: consumer keys a contract leaves out fall back to the runtime's environment before their defaults. */
class ConsumerEnvironmentFallbackTest {

    private static final String SUBSCRIBER = """
            name: %s
            version: 1.0.0
            node_type: effect
            implementation: io.onex.test.Sample
            topics:
              subscribe: [orders.created]
            """;

    @TempDir
    Path folder;

    private static ConsumerSpec consumer(Map<String, String> env, String yaml) throws ContractValidationException {
        return new ContractLoader(env).parse(yaml, Path.of("inline.yaml")).consumer().orElseThrow();
    }

    private static String subscriber(String name, String consumerSection) {
        return SUBSCRIBER.formatted(name) + consumerSection;
    }

    @Test
    void maxPollRecordsFallsBackToKafkaMaxPollRecordsWhenTheContractGivesNone() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_MAX_POLL_RECORDS", "42"), subscriber("orders", ""));

        assertThat(c.maxPollRecords()).isEqualTo(42);
    }

    @Test
    void maxPollRecordsTheContractGivesWinsOverTheEnvironment() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_MAX_POLL_RECORDS", "42"),
                subscriber("orders", "consumer: {max_poll_records: 7}\n"));

        assertThat(c.maxPollRecords()).isEqualTo(7);
    }

    @Test
    void maxPollRecordsDefaultsTo500WhenTheVariableIsUnsetOrBlank() throws Exception {
        assertThat(consumer(Map.of(), subscriber("orders", "")).maxPollRecords()).isEqualTo(500);
        assertThat(consumer(Map.of("KAFKA_MAX_POLL_RECORDS", " "), subscriber("orders", "")).maxPollRecords())
                .isEqualTo(500);
    }

    @Test
    void autoOffsetResetFallsBackToKafkaAutoOffsetResetWhenTheContractGivesNone() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_AUTO_OFFSET_RESET", "latest"),
                subscriber("orders", "consumer: {max_in_flight: 10}\n"));

        assertThat(c.autoOffsetReset()).isEqualTo("latest");
        assertThat(c.maxInFlight()).isEqualTo(10);
    }

    @Test
    void autoOffsetResetTheContractGivesWinsOverTheEnvironment() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_AUTO_OFFSET_RESET", "latest"),
                subscriber("orders", "consumer: {auto_offset_reset: earliest}\n"));

        assertThat(c.autoOffsetReset()).isEqualTo("earliest");
    }

    @Test
    void anInvalidFallbackVariableIsReportedAtTheContractThatFallsBackToIt() {
        assertThatThrownBy(() -> consumer(Map.of("KAFKA_MAX_POLL_RECORDS", "0", "KAFKA_AUTO_OFFSET_RESET", "newest"),
                subscriber("orders", "consumer: {group_id: orders}\n")))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage("""
                        2 errors in inline.yaml:
                          1) inline.yaml:7:1: consumer.max_poll_records: not given, so it falls back to environment \
                        variable KAFKA_MAX_POLL_RECORDS, but its value 0 is invalid: must be between 1 and 10000; \
                        expected the variable fixed or unset, or max_poll_records given in the contract
                          2) inline.yaml:7:1: consumer.auto_offset_reset: not given, so it falls back to environment \
                        variable KAFKA_AUTO_OFFSET_RESET, but its value newest is invalid: must be one of earliest, \
                        latest; expected the variable fixed or unset, or auto_offset_reset given in the contract""");
    }

    @Test
    void anInvalidVariableIsNoProblemForAContractThatGivesTheKey() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_MAX_POLL_RECORDS", "0"),
                subscriber("orders", "consumer: {max_poll_records: 7}\n"));

        assertThat(c.maxPollRecords()).isEqualTo(7);
    }

    @Test
    void consumerGroupFallsBackToKafkaConsumerGroupForTheOnlySubscribingNodeWithoutAGroup() throws Exception {
        write("orders.yaml", subscriber("orders", ""));
        write("publisher.yaml", "name: publisher\nversion: 1.0.0\nnode_type: effect\n"
                + "implementation: io.onex.test.Sample\ntopics: {publish: [orders.created]}\n");
        write("grouped.yaml", subscriber("grouped", "consumer: {group_id: own-group}\n"));

        List<NodeContract> loaded = new ContractLoader(Map.of("KAFKA_CONSUMER_GROUP", "archon-intelligence"))
                .loadAll(folder);

        assertThat(loaded).extracting(c -> c.consumer().map(ConsumerSpec::groupId).orElse("-"))
                .containsExactly("own-group", "archon-intelligence", "-");
    }

    @Test
    void consumerGroupKeepsTheContractNamesWhenSeveralSubscribingNodesHaveNoGroup() throws Exception {
        write("orders.yaml", subscriber("orders", ""));
        write("payments.yaml", subscriber("payments", "consumer: {max_poll_records: 5}\n"));

        List<NodeContract> loaded = new ContractLoader(Map.of("KAFKA_CONSUMER_GROUP", "archon-intelligence"))
                .loadAll(folder);

        assertThat(loaded).extracting(c -> c.consumer().orElseThrow().groupId()).containsExactly("orders", "payments");
    }

    @Test
    void consumerGroupTheContractGivesWinsOverTheEnvironment() throws Exception {
        ConsumerSpec c = consumer(Map.of("KAFKA_CONSUMER_GROUP", "archon-intelligence"),
                subscriber("orders", "consumer: {group_id: orders-v2}\n"));

        assertThat(c.groupId()).isEqualTo("orders-v2");
    }

    @Test
    void consumerGroupIsTheContractNameWithoutTheVariable() throws Exception {
        assertThat(consumer(Map.of(), subscriber("orders", "")).groupId()).isEqualTo("orders");
    }

    @Test
    void anInvalidKafkaConsumerGroupIsReportedAtTheContractItWouldApplyTo() {
        assertThatThrownBy(() -> consumer(Map.of("KAFKA_CONSUMER_GROUP", "no spaces"), subscriber("orders", "")))
                .isInstanceOf(ContractValidationException.class)
                .hasMessage("1 error in inline.yaml:\n  1) inline.yaml:1:1: consumer.group_id: not given, so it "
                        + "falls back to environment variable KAFKA_CONSUMER_GROUP, but its value no spaces is "
                        + "invalid: must match [A-Za-z0-9._-]{1,249}; expected the variable fixed or unset, or "
                        + "group_id given in the contract");
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text);
    }
}
