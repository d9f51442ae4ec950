package io.onex.nodes.agentlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.name.Named;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.batch.CallBatcher;
import io.onex.api.contract.NodeContract;
import io.onex.nodes.database.Database;
import io.onex.nodes.database.DatabaseLayout;
import io.onex.nodes.database.DatabaseNodeConfig;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.SecretRedactor;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent intelligence logger: persists the seven {@code agents.evt.*} topics ({@link AgentTopic}) to PostgreSQL, or
 * to an embedded SQLite file when no database is configured, one table per topic, idempotently by event id.
 *
 * <p>Each consumed event is added to the current batch ({@link CallBatcher}); its call completes when the batch's
 * transaction has committed, so the consumer commits its offset only then. A payload its topic's schema refuses never
 * reaches the node (the record handler dead-letters it); an event the node cannot map or the database refuses fails
 * alone with a {@code NonRetryableException} (dead-lettered); a batch the database did not take fails every event of
 * it with a {@link DownstreamUnavailableException}: the breaker opens, the consumer pauses, and the events come again,
 * never dead-lettered.
 *
 * <p>Row counts: {@code runtime.node("agent_intelligence_logger", AgentIntelligenceLogger.class).database()
 * .rowCounts()}.
 */
public final class AgentIntelligenceLogger implements EffectNode<EventEnvelope, AgentEventLogged> {

    /** The logger's migrations, its own Flyway history table, pool and tables. */
    public static final DatabaseLayout LAYOUT = new DatabaseLayout("io/onex/nodes/agentlog/migration",
            "agent_log_schema_history", "onex-agent-intelligence-logger", "agent intelligence logger",
            AgentTopic.TABLES);

    private static final Logger LOG = LoggerFactory.getLogger(AgentIntelligenceLogger.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NodeContract contract;
    private final String nodeId;
    private final DatabaseNodeConfig config;
    private final AgentEventMapper mapper;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Database database;
    private volatile CallBatcher<AgentRow> batcher;

    @Inject
    AgentIntelligenceLogger(NodeContract contract, @Named("nodeId") String nodeId, RuntimeConfig runtime,
            ObjectMapper objectMapper, Clock clock, ScheduledExecutorService scheduler) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.config = DatabaseNodeConfig.from(contract, runtime, "onex-agents-", nodeId);
        this.mapper = new AgentEventMapper(objectMapper);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    /** Opens the pool and migrates the schema; fails start-up when the database cannot be reached. */
    @Override
    public synchronized void start(NodeContext context) {
        Database db = Database.open(config.database(), LAYOUT);
        AgentLogWriter writer = new AgentLogWriter(db.dataSource(), db.dialect(), clock);
        batcher = CallBatcher.builder(writer::write)
                .name("agent-log-writer-" + nodeId)
                .maxSize(config.batchSize())
                .linger(config.batchLinger())
                .scheduler(scheduler)
                .batchFailure((size, e) -> {
                    String reason = SecretRedactor.redactAndTruncate(e.getClass().getSimpleName() + ": "
                            + e.getMessage(), 300);
                    LOG.warn("agent intelligence logger {}: batch of {} event(s) not written to {}, nothing committed:"
                            + " {}", nodeId, size, db.describe(), reason);
                    return new DownstreamUnavailableException("database " + db.describe() + " did not take a batch of "
                            + size + " event(s): " + reason, e);
                })
                .build();
        database = db;
        LOG.info("node {} ({}) ready: writing to {}, batches of up to {} events or {} ms", contract.name(), nodeId,
                db.describe(), config.batchSize(), config.batchLinger().toMillis());
    }

    @Override
    public CompletionStage<AgentEventLogged> executeEffect(EventEnvelope event, NodeContext context) {
        CallBatcher<AgentRow> b = batcher;
        if (b == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("agent intelligence logger " + nodeId
                    + " is not started"));
        }
        AgentRow row;
        try {
            row = mapper.map(event);
        } catch (RuntimeException bad) {
            return CompletableFuture.failedFuture(bad);
        }
        return b.add(row).thenApply(v -> new AgentEventLogged(row.eventId(), row.topic().table()));
    }

    /** The database written to (row counts, the data source); null before {@link #start}. */
    public Database database() {
        return database;
    }

    /** Writes what is batched, then closes the pool; deletes the embedded database when it was a temp file. */
    @Override
    public synchronized void stop() throws InterruptedException {
        if (batcher != null && !batcher.close(STOP_TIMEOUT)) {
            LOG.warn("agent intelligence logger {}: writer did not finish within {} ms", nodeId,
                    STOP_TIMEOUT.toMillis());
        }
        if (database != null) {
            database.close();
            if (config.temporaryEmbeddedFile()) {
                config.deleteEmbeddedFiles().forEach(f -> LOG.warn("agent intelligence logger {}: could not delete"
                        + " the embedded database file {}", nodeId, f));
            }
        }
    }
}
