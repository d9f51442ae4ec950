package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventPublisher;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OrchestratorNode;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.contract.NodeConfigReader;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowEventFields;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowRun;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge orchestrator ({@code bridge_orchestrator}): stamps content by running the metadata-stamping workflow
 * ({@code workflows/metadata_stamping.yaml}: validate, BLAKE3 hash, create the stamp, optional intelligence, publish)
 * on the workflow engine, whose events (started, step completed, state transitions, completed or failed) go out
 * through this node's publisher; the steps' nodes publish the hash, intelligence and stamp events.
 *
 * <ul>
 *   <li>Bad input fails at once with an {@link InvalidInputException} naming the field, before a run starts.</li>
 *   <li>Idempotent on correlation id ({@code correlation_id} of the request, else the call's): the same id again
 *       returns the first run's result, running or done, and creates no second stamp. Runs are kept in a durable
 *       run log ({@link KafkaRunLog}, a compacted topic keyed by correlation id, read to its end at start), so this
 *       holds across restarts and instances for {@code config.run_log_retention} and the last
 *       {@code config.idempotency_cache_size} ids.</li>
 *   <li>A run that fails returns a result with {@code state: failed} and the error; it is forgotten, so the same
 *       request may be tried again.</li>
 *   <li>At start, the runs this instance ({@code ONEX_INSTANCE_ID}) left unfinished are completed when their stamp
 *       was published, else reported failed ({@link RunHistory#finishUnfinished}).</li>
 * </ul>
 */
public final class NodeBridgeOrchestrator implements OrchestratorNode<StampRequest, StampResult> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeOrchestrator.class);
    static final Set<String> CONFIG_KEYS = Set.of("workflow", "idempotency_cache_size", "workflow_threads",
            "run_log", "run_log_retention");
    /** The run log's topic (an ONEX reference; the tenant's prefix is added). */
    static final String RUN_LOG_TOPIC = "onex.doc.bridge-orchestrator-runs.v1";
    /** The instance id runs are recorded under when {@code ONEX_INSTANCE_ID} is not set. */
    static final String DEFAULT_INSTANCE = "default";
    /** {@code config.run_log}: the compacted topic (durable), or this process's memory (tests; nothing survives). */
    static final String RUN_LOG_KAFKA = "kafka";
    static final String RUN_LOG_MEMORY = "memory";
    private static final Duration RUN_LOG_START_TIMEOUT = Duration.ofSeconds(60);
    private static final String PUBLISH_STEP_NODE = "metadata_stamp_publish_effect";
    /** The nodes the workflow's steps call, with their kind (the workflow file is checked against them). */
    static final Map<String, NodeType> STEP_NODES = Map.of(
            "stamp_input_validation", NodeType.COMPUTE,
            "blake3_hash_compute", NodeType.COMPUTE,
            "metadata_stamp_compute", NodeType.COMPUTE,
            "onextree_intelligence_effect", NodeType.EFFECT,
            "metadata_stamp_publish_effect", NodeType.EFFECT);

    private final NodeContract contract;
    private final StepInvoker invoker;
    private final EventPublisher publisher;
    private final ObjectMapper mapper;
    private final WorkflowEngine.Builder engineBuilder;
    private final Path workflowFile;
    private final int workflowThreads;
    private final RecentRuns runs;
    private final int runCacheSize;
    private final NamespaceTaggingPublisher workflowEvents;
    private final RunLog runLog;
    private final String instance;
    private final Duration runLogRetention;

    private volatile WorkflowDefinition workflow;
    private volatile WorkflowEngine engine;
    private volatile RunHistory history;
    private ExecutorService stepExecutor;

    /**
     * @param invoker calls the steps' nodes (the runtime's pipelines)
     * @param engine the workflow engine as the runtime wires it (bridge event topics, scheduler, clock); the node
     *     sets its own publisher, step threads and invoker on it
     * @param runtime the runtime's settings: the broker the run log is on and the instance id runs are recorded
     *     under
     * @param clients makes the run log's Kafka clients
     */
    @Inject
    public NodeBridgeOrchestrator(NodeContract contract, StepInvoker invoker, WorkflowEngine.Builder engine,
            EventPublisher publisher, ObjectMapper mapper, RuntimeConfig runtime, KafkaModule.ClientFactory clients) {
        this(contract, invoker, engine, publisher, mapper, runLogOf(contract, runtime, clients, mapper),
                runtime.instanceId().orElse(DEFAULT_INSTANCE));
    }

    /** An orchestrator whose run log lives in this process only (tests). */
    public NodeBridgeOrchestrator(NodeContract contract, StepInvoker invoker, WorkflowEngine.Builder engine,
            EventPublisher publisher, ObjectMapper mapper) {
        this(contract, invoker, engine, publisher, mapper, new MemoryRunLog(), DEFAULT_INSTANCE);
    }

    NodeBridgeOrchestrator(NodeContract contract, StepInvoker invoker, WorkflowEngine.Builder engine,
            EventPublisher publisher, ObjectMapper mapper, RunLog runLog, String instance) {
        this.contract = contract;
        this.runLog = runLog;
        this.instance = instance;
        this.invoker = invoker;
        this.engineBuilder = engine;
        this.publisher = publisher;
        this.mapper = mapper;
        NodeConfigReader config = NodeConfigReader.of(contract, CONFIG_KEYS);
        this.workflowFile = resolve(contract, config.text("workflow", "workflows/metadata_stamping.yaml"));
        this.workflowThreads = config.integer("workflow_threads", 4, 0, 256);
        int cacheSize = config.integer("idempotency_cache_size", 10_000, 1, 10_000_000);
        this.runs = new RecentRuns(cacheSize);
        this.runCacheSize = cacheSize;
        this.workflowEvents = new NamespaceTaggingPublisher(publisher, cacheSize);
        this.runLogRetention = readRunLogRetention(config);
        String runLogKind = config.text("run_log", RUN_LOG_KAFKA);
        if (!runLogKind.equals(RUN_LOG_KAFKA) && !runLogKind.equals(RUN_LOG_MEMORY)) {
            config.problem("config.run_log: expected kafka or memory, but was '" + runLogKind + "'");
        }
        config.check();
    }

    private static Duration readRunLogRetention(NodeConfigReader config) {
        return config.duration("run_log_retention", Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(365));
    }

    /** The run log {@code config.run_log} asks for (its values are checked with the rest in the constructor). */
    private static RunLog runLogOf(NodeContract contract, RuntimeConfig runtime, KafkaModule.ClientFactory clients,
            ObjectMapper mapper) {
        NodeConfigReader config = NodeConfigReader.of(contract, CONFIG_KEYS);
        if (RUN_LOG_MEMORY.equals(config.text("run_log", RUN_LOG_KAFKA))) {
            return new MemoryRunLog();
        }
        String instance = runtime.instanceId().orElse(DEFAULT_INSTANCE);
        return new KafkaRunLog(clients, runtime, mapper, runtime.resolveTopic(RUN_LOG_TOPIC),
                readRunLogRetention(config), RUN_LOG_START_TIMEOUT, "bridge-orchestrator-" + instance);
    }

    @Override
    public Class<StampRequest> inputType() {
        return StampRequest.class;
    }

    /** Loads the workflow file (every problem reported together) and builds the engine. */
    @Override
    public void start(NodeContext context) throws Exception {
        workflow = new WorkflowLoader(STEP_NODES).load(workflowFile);
        if (workflowThreads > 0) {
            AtomicInteger n = new AtomicInteger();
            stepExecutor = Executors.newFixedThreadPool(workflowThreads, r -> {
                Thread t = new Thread(r, "onex-stamping-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        RunHistory runs = new RunHistory(runLog, instance, context.clock(), runLogRetention, runCacheSize);
        runs.open();
        EventPublisher events = stepExecutor == null ? workflowEvents : new HandOffPublisher(workflowEvents,
                stepExecutor);
        WorkflowEngine.Builder b = engineBuilder.invoker(recordingStamps(withWorkflowId(invoker), runs)).mapper(mapper)
                .clock(context.clock()).publisher(new StepResultsPublisher(new StartRecordingPublisher(events,
                        started -> runs.started(started.correlationId(), String.valueOf(started.payload().get(
                                WorkflowEventFields.WORKFLOW_ID)), workflowEvents.namespaceOf(started.correlationId()))),
                        runCacheSize));
        engine = (stepExecutor == null ? b : b.stepExecutor(stepExecutor)).build();
        int[] finished = runs.finishUnfinished(workflow, engine.eventTopicsOf(workflow), workflowEvents);
        history = runs;
        LOG.info("bridge orchestrator ready: workflow {} {} from {}; run log {} (instance {}, retention {}): {} runs "
                + "left unfinished completed, {} reported failed", workflow.name(), workflow.version(), workflowFile,
                runs.describe(), instance, runLogRetention, finished[0], finished[1]);
    }

    @Override
    public void stop() {
        if (stepExecutor != null) {
            stepExecutor.shutdownNow();
        }
        runLog.close();
    }

    @Override
    public CompletionStage<StampResult> orchestrate(StampRequest in, NodeContext context) {
        if (engine == null || history == null) {
            throw new IllegalStateException("bridge_orchestrator has not been started");
        }
        StampInputValidation.validate(in);
        String correlationId = in.correlationId() == null || in.correlationId().isBlank() ? context.correlationId()
                : in.correlationId();
        CompletableFuture<StampResult> mine = new CompletableFuture<>();
        CompletableFuture<StampResult> earlier = runs.claim(correlationId, mine);
        if (earlier != null) {
            LOG.info("stamping request repeated: correlation_id={}; returning the first run's result", correlationId);
            // a copy per caller: a caller's timeout cancelling its stage must not cancel the shared result
            return earlier.copy();
        }
        Optional<StampResult> logged = history.answer(correlationId);
        if (logged.isPresent()) {
            LOG.info("stamping request repeated: correlation_id={}; answered from the run log", correlationId);
            mine.complete(logged.get());
            return mine.copy();
        }
        WorkflowRun run;
        try {
            workflowEvents.remember(correlationId, in.namespace());
            run = engine.start(workflow, workflowInput(in), correlationId, WorkflowListener.NONE);
        } catch (RuntimeException e) {
            runs.forget(correlationId, mine);
            throw e instanceof IllegalArgumentException ? new InvalidInputException(e.getMessage(), e) : e;
        }
        run.result().whenComplete((result, error) -> {
            if (error != null) {
                runs.forget(correlationId, mine);
                mine.completeExceptionally(error);
                return;
            }
            StampResult stamp = stampResult(result, in);
            // the answer only once the log has it: an id answered is never stamped again within retention
            history.finished(correlationId, result.workflowId(), in.namespace(), stamp).whenComplete((x, e) -> {
                if (!stamp.completed()) {
                    runs.forget(correlationId, mine);
                }
                mine.complete(stamp);
            });
        });
        return mine.copy();
    }

    /** Correlation ids remembered for idempotency now. */
    public int rememberedRuns() {
        return runs.size();
    }

    private static Map<String, Object> workflowInput(StampRequest in) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("content", in.content());
        input.put("content_base64", in.contentBase64());
        input.put("file_name", in.fileName());
        input.put("namespace", in.namespace());
        input.put("content_type", in.contentType());
        input.put("request_intelligence", Boolean.TRUE.equals(in.requestIntelligence()));
        return input;
    }

    private StampResult stampResult(WorkflowResult r, StampRequest in) {
        if (r.status() != WorkflowResult.Status.COMPLETED) {
            return new StampResult(r.workflowId(), r.correlationId(), null, null, null, in.namespace(), in.fileName(),
                    null, in.contentType(), null, null, null, null, r.status().wireName(),
                    r.error() == null ? null : r.error().message());
        }
        return completedResult(r.workflowId(), r.correlationId(), r.outputs().get("stamp"));
    }

    /** The answer of a run whose publish step gave {@code publishedStamp}. */
    private StampResult completedResult(String workflowId, String correlationId, Object publishedStamp) {
        MetadataStampPublishEffect.PublishedStamp published = mapper.convertValue(publishedStamp,
                MetadataStampPublishEffect.PublishedStamp.class);
        MetadataStamp s = published.stamp();
        return new StampResult(workflowId, correlationId, s.stampId(), s.fileHash(), s.hashAlgorithm(),
                s.namespace(), s.fileName(), s.fileSizeBytes(), s.contentType(), s.fileType(), s.createdAt(),
                published.intelligenceStatus(), published.intelligence(), WorkflowResult.Status.COMPLETED.wireName(),
                null);
    }

    /**
     * Writes a run's stamped record once the publish step reports its stamp published, before the engine goes on:
     * from then on a restart completes the run from the log instead of failing it.
     */
    private StepInvoker recordingStamps(StepInvoker delegate, RunHistory runs) {
        return (node, input, call) -> {
            CompletionStage<Object> out = delegate.invoke(node, input, call);
            if (!PUBLISH_STEP_NODE.equals(node) || call.correlationId() == null) {
                return out;
            }
            return out.thenCompose(published -> {
                StampResult stamp;
                try {
                    stamp = completedResult(call.workflowId(), call.correlationId(), published);
                } catch (RuntimeException e) { // the run's own outputs will say what is wrong; the log just knows less
                    LOG.warn("run log: stamp of correlation_id={} not readable: {}", call.correlationId(), e.toString());
                    return CompletableFuture.completedFuture(published);
                }
                return runs.stamped(call.correlationId(), call.workflowId(), stamp).thenApply(x -> published);
            });
        };
    }

    /**
     * The workflow engine does not put the run's id in expressions' reach, so the steps get it here: a map input
     * without {@code workflow_id} (or with it null) gets the run's.
     */
    static StepInvoker withWorkflowId(StepInvoker delegate) {
        return (node, input, call) -> {
            if (input instanceof Map<?, ?> m && m.get("workflow_id") == null) {
                Map<Object, Object> with = new LinkedHashMap<>(m);
                with.put("workflow_id", call.workflowId());
                return delegate.invoke(node, with, call);
            }
            return delegate.invoke(node, input, call);
        };
    }

    /** Relative paths are read against the folder above the contract's folder (the project root), else the cwd. */
    private static Path resolve(NodeContract contract, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute() || contract.source().isEmpty()) {
            return p;
        }
        Path contractDir = contract.source().get().toAbsolutePath().getParent();
        Path root = contractDir == null ? null : contractDir.getParent();
        if (root != null && Files.exists(root.resolve(p))) {
            return root.resolve(p).normalize();
        }
        return p;
    }
}
