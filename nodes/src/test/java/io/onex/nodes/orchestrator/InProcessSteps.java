package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.ComputeNode;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/** The metadata-stamping step nodes, called in process (no pipeline), publishing to one recording publisher. */
final class InProcessSteps implements StepInvoker {

    static final ObjectMapper MAPPER = EnvelopeCodec.defaultMapper();
    static final List<NodeContract> CONTRACTS = load();

    private final Map<String, OnexNode<?, ?>> nodes;
    private final EventPublisher publisher;
    private final Clock clock;
    final OnextreeIntelligenceEffect intelligence;

    InProcessSteps(EventPublisher publisher, Clock clock, ScheduledExecutorService scheduler) {
        this.publisher = publisher;
        this.clock = clock;
        this.intelligence = new OnextreeIntelligenceEffect(contract("onextree_intelligence_effect"), scheduler);
        this.nodes = Map.of("stamp_input_validation", new StampInputValidation(),
                "blake3_hash_compute", new Blake3HashCompute(),
                "metadata_stamp_compute", new MetadataStampCompute(),
                "onextree_intelligence_effect", intelligence,
                "metadata_stamp_publish_effect", new MetadataStampPublishEffect());
    }

    static NodeContract contract(String name) {
        return CONTRACTS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<NodeContract> load() {
        try {
            return new ContractLoader(Map.of()).loadAll(Path.of("../contracts"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CallContext context(String node, String correlationId, EventEnvelope trigger) {
        return new CallContext("test-" + node, contract(node), correlationId, null, trigger, 1, publisher, clock);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CompletionStage<Object> invoke(String node, Object input, StepCall call) {
        OnexNode n = nodes.get(node);
        CallContext ctx = context(node, call.correlationId(), null);
        try {
            Object in = MAPPER.convertValue(input, n.inputType());
            if (n instanceof ComputeNode c) {
                return CompletableFuture.completedFuture(c.compute(in, ctx));
            }
            return ((EffectNode) n).executeEffect(in, ctx);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
