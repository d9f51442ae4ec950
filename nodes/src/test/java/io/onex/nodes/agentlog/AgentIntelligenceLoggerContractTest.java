package io.onex.nodes.agentlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.DeliveryReceipt;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.OutboundEvent;
import io.onex.nodes.database.Database;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.DeadLetterRecord;
import io.onex.runtime.testing.NodeTestKit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logger as its shipped contract runs it (NodeTestKit: the runtime's wiring, payload schemas, pipeline and
 * dead-lettering, no broker), writing to the embedded SQLite database in a temp file. Batches linger on the kit's
 * manual scheduler; the write runs on the batcher's writer thread, so the tests wait for it with Awaitility.
 */
class AgentIntelligenceLoggerContractTest {

    private static final Path CONTRACT = Path.of("../contracts/agent_intelligence_logger.yaml");
    private static final Duration LINGER = Duration.ofMillis(250);
    private static final Duration WRITTEN = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private NodeTestKit kit() throws Exception {
        return NodeTestKit.forContract(CONTRACT).environment(Map.of(
                "AGENT_LOG_EMBEDDED_FILE", folder.resolve("agents.db").toString(),
                "AGENT_LOG_BATCH_SIZE", "100",
                "AGENT_LOG_BATCH_LINGER", LINGER.toMillis() + "ms")).build();
    }

    private static Database database(NodeTestKit kit) {
        return kit.node(AgentIntelligenceLogger.class).database();
    }

    private static EventEnvelope envelope(AgentTopic topic, Map<String, Object> payload) {
        return EventEnvelope.create(topic.eventType(), UUID.randomUUID().toString(), null,
                Instant.parse("2026-01-02T03:04:05Z"), new EventSource("omniclaude", "effect", "coordinator-1"),
                Map.of(), payload);
    }

    private static List<EventEnvelope> oneOfEach(int n) {
        List<EventEnvelope> all = new ArrayList<>();
        for (AgentTopic t : AgentTopic.values()) {
            all.add(envelope(t, AgentEventSamples.payload(t, n)));
        }
        return all;
    }

    private static List<CompletableFuture<RecordOutcome>> deliver(NodeTestKit kit, List<EventEnvelope> events) {
        List<CompletableFuture<RecordOutcome>> done = new ArrayList<>();
        for (EventEnvelope e : events) {
            done.add(kit.deliver(AgentTopic.ofEventType(e.eventType()).orElseThrow().topic(), e));
        }
        return done;
    }

    private static List<RecordOutcome> outcomes(List<CompletableFuture<RecordOutcome>> done) {
        Awaitility.await().atMost(WRITTEN).until(() -> done.stream().allMatch(CompletableFuture::isDone));
        return done.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void eachTopicsEventsAreWrittenToItsTableOnceTheirBatchCommits() throws Exception {
        try (NodeTestKit kit = kit()) {
            List<EventEnvelope> events = new ArrayList<>(oneOfEach(1));
            events.addAll(oneOfEach(2));

            List<CompletableFuture<RecordOutcome>> done = deliver(kit, events);
            assertThat(done).noneMatch(CompletableFuture::isDone); // lingering: the offsets are not committed yet
            kit.advance(LINGER);

            assertThat(outcomes(done)).hasSize(14).containsOnly(RecordOutcome.PROCESSED);
            assertThat(database(kit).rowCounts()).containsOnlyKeys(AgentTopic.TABLES)
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isEqualTo(2L));
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void theSameEventsDeliveredAgainLeaveTheSameRows() throws Exception {
        try (NodeTestKit kit = kit()) {
            List<EventEnvelope> events = oneOfEach(3);
            List<CompletableFuture<RecordOutcome>> first = deliver(kit, events);
            kit.advance(LINGER);
            assertThat(outcomes(first)).containsOnly(RecordOutcome.PROCESSED);
            Map<String, List<String>> rows = snapshot(database(kit));

            List<CompletableFuture<RecordOutcome>> again = deliver(kit, events); // as after a crash before the commit
            kit.advance(LINGER);

            assertThat(outcomes(again)).containsOnly(RecordOutcome.PROCESSED);
            assertThat(snapshot(database(kit))).isEqualTo(rows);
            assertThat(database(kit).rowCounts()).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(1L));
        }
    }

    @Test
    void aConsumedPayloadItsTopicsSchemaRefusesIsDeadLetteredWithTheFieldAndRuleAndNeverWritten() throws Exception {
        try (NodeTestKit kit = kit()) {
            Map<String, Object> gate = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.QUALITY_GATE, 1));
            gate.remove("agent_name");
            gate.put("status", "green");
            EventEnvelope bad = envelope(AgentTopic.QUALITY_GATE, gate);

            CompletableFuture<RecordOutcome> done = kit.deliver(AgentTopic.QUALITY_GATE.topic(), bad);
            kit.advance(LINGER);

            assertThat(outcomes(List.of(done))).containsExactly(RecordOutcome.DEAD_LETTERED);
            String topic = kit.topic(AgentTopic.QUALITY_GATE.topic());
            DeadLetterRecord dlq = kit.deadLetters().get(0);
            assertThat(dlq.topic()).isEqualTo(topic + ".dlq");
            assertThat(dlq.errorType()).isEqualTo(InvalidInputException.class.getName());
            assertThat(dlq.errorMessage()).isEqualTo("payload of " + topic + " does not match "
                    + AgentTopic.QUALITY_GATE.schemaResource() + ": $: required property 'agent_name' not found (rule"
                    + " required); $.status: does not have a value in the enumeration [\"passed\", \"failed\","
                    + " \"skipped\"] (rule enum)");
            assertThat(dlq.originalEnvelope()).containsEntry("event_id", bad.eventId());
            assertThat(dlq.retryCount()).isZero();
            assertThat(database(kit).rowCounts()).containsEntry("agent_quality_gates", 0L);
        }
    }

    @Test
    void publishingAPayloadItsTopicsSchemaRefusesFailsWithoutSendingAndIsNotRetried() throws Exception {
        try (NodeTestKit kit = kit()) {
            Map<String, Object> metric = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.PERFORMANCE_METRIC,
                    1));
            metric.remove("cache_hit");
            OutboundEvent bad = OutboundEvent.builder(AgentTopic.PERFORMANCE_METRIC.topic(),
                    AgentTopic.PERFORMANCE_METRIC.eventType()).payload(metric).build();

            CompletableFuture<DeliveryReceipt> sent = kit.runtime().publisher("agent_intelligence_logger")
                    .publish(bad).toCompletableFuture();

            assertThat(sent).isCompletedExceptionally();
            assertThat(sent.handle((r, e) -> e).join())
                    .isInstanceOf(InvalidInputException.class) // a NonRetryableException
                    .hasMessage("payload of " + kit.topic(AgentTopic.PERFORMANCE_METRIC.topic()) + " does not match "
                            + AgentTopic.PERFORMANCE_METRIC.schemaResource()
                            + ": $: required property 'cache_hit' not found (rule required)");
            assertThat(kit.published()).isEmpty();

            kit.runtime().publisher("agent_intelligence_logger")
                    .publish(AgentEventSamples.event(AgentTopic.PERFORMANCE_METRIC, 1, "corr-1"));
            assertThat(kit.publishedTo(AgentTopic.PERFORMANCE_METRIC.topic())).singleElement()
                    .satisfies(p -> assertThat(p.eventType()).isEqualTo("AGENT_PERFORMANCE_METRIC"));
        }
    }

    @Test
    void aDatabaseThatStaysDownLeavesTheRecordNotDoneInsteadOfDeadLettered() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).environment(Map.of(
                "AGENT_LOG_EMBEDDED_FILE", folder.resolve("agents.db").toString(),
                "AGENT_LOG_BATCH_SIZE", "1",
                "AGENT_LOG_BREAKER_WAIT", "100ms")).build()) {
            database(kit).close(); // the pool is gone: every batch fails as the database being away

            CompletableFuture<RecordOutcome> done = kit.deliver(AgentTopic.EXECUTION_LOG.topic(),
                    envelope(AgentTopic.EXECUTION_LOG, AgentEventSamples.payload(AgentTopic.EXECUTION_LOG, 1)));
            Awaitility.await().atMost(WRITTEN).until(() -> {
                kit.advance(Duration.ofMillis(100)); // the backoffs and the breaker's waits
                return done.isDone();
            });

            assertThat(done).isCompletedExceptionally(); // not done: the consumer delivers it again
            assertThat(done.handle((v, e) -> e).join()).hasRootCauseInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("failed after 3 attempts: " + DownstreamUnavailableException.class.getSimpleName()
                            + ": database embedded SQLite");
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void anEventCalledWithoutTheSchemaCheckIsRefusedByTheNodeNamingTheField() throws Exception {
        try (NodeTestKit kit = kit()) {
            Map<String, Object> log = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.EXECUTION_LOG, 1));
            log.put("message", 42);
            EventEnvelope bad = envelope(AgentTopic.EXECUTION_LOG, log);

            CompletableFuture<Object> call = kit.call(bad);
            kit.advance(LINGER);

            Awaitility.await().atMost(WRITTEN).until(call::isDone);
            assertThat(call.handle((v, e) -> e).join()).hasRootCauseInstanceOf(InvalidInputException.class)
                    .hasRootCauseMessage("AGENT_EXECUTION_LOG event " + bad.eventId()
                            + ": payload field 'message' must be a string, but was the number 42");
        }
    }

    private static Map<String, List<String>> snapshot(Database db) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : AgentTopic.TABLES) {
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) { // fixed names
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                        }
                        lines.add(sb.toString());
                    }
                }
                lines.sort(null);
                rows.put(table, lines);
            }
            c.rollback();
        }
        return rows;
    }
}
