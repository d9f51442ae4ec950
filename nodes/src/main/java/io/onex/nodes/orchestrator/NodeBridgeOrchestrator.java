package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventPublisher;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OrchestratorNode;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.runtime.contract.NodeConfigReader;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowRun;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *       returns the first run's result, running or done, and creates no second stamp. The last
 *       {@code config.idempotency_cache_size} ids are remembered, in this process only.</li>
 *   <li>A run that fails returns a result with {@code state: failed} and the error; it is forgotten, so the same
 *       request may be tried again.</li>
 * </ul>
 */
public final class NodeBridgeOrchestrator implements OrchestratorNode<StampRequest, StampResult> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeOrchestrator.class);
    static final Set<String> CONFIG_KEYS = Set.of("workflow", "idempotency_cache_size", "workflow_threads");
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

    private volatile WorkflowDefinition workflow;
    private volatile WorkflowEngine engine;
    private ExecutorService stepExecutor;

    /**
     * @param invoker calls the steps' nodes (the runtime's pipelines)
     * @param engine the workflow engine as the runtime wires it (bridge event topics, scheduler, clock); the node
     *     sets its own publisher, step threads and invoker on it
     */
    @Inject
    public NodeBridgeOrchestrator(NodeContract contract, StepInvoker invoker, WorkflowEngine.Builder engine,
            EventPublisher publisher, ObjectMapper mapper) {
        this.contract = contract;
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
        config.check();
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
        WorkflowEngine.Builder b = engineBuilder.invoker(withWorkflowId(invoker)).mapper(mapper).clock(context.clock());
        engine = (stepExecutor == null ? b.publisher(new StepResultsPublisher(workflowEvents, runCacheSize))
                : b.stepExecutor(stepExecutor).publisher(new StepResultsPublisher(
                        new HandOffPublisher(workflowEvents, stepExecutor), runCacheSize))).build();
        LOG.info("bridge orchestrator ready: workflow {} {} from {}", workflow.name(), workflow.version(), workflowFile);
    }

    @Override
    public void stop() {
        if (stepExecutor != null) {
            stepExecutor.shutdownNow();
        }
    }

    @Override
    public CompletionStage<StampResult> orchestrate(StampRequest in, NodeContext context) {
        if (engine == null) {
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
            if (!stamp.completed()) {
                runs.forget(correlationId, mine);
            }
            mine.complete(stamp);
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
        MetadataStampPublishEffect.PublishedStamp published = mapper.convertValue(r.outputs().get("stamp"),
                MetadataStampPublishEffect.PublishedStamp.class);
        MetadataStamp s = published.stamp();
        return new StampResult(r.workflowId(), r.correlationId(), s.stampId(), s.fileHash(), s.hashAlgorithm(),
                s.namespace(), s.fileName(), s.fileSizeBytes(), s.contentType(), s.fileType(), s.createdAt(),
                published.intelligenceStatus(), published.intelligence(), r.status().wireName(), null);
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
