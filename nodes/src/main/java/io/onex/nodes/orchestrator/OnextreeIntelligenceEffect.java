package io.onex.nodes.orchestrator;

import io.onex.api.EffectNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.contract.NodeConfigReader;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional intelligence step ({@code onextree_intelligence_effect}): a request/response over Kafka with a
 * timeout, holding no thread while it waits.
 *
 * <ul>
 *   <li>Called by the workflow with {@code requested: true}: publishes {@code ONEXTREE_INTELLIGENCE_REQUESTED} (with a
 *       fresh {@code request_id}) and returns a stage completed by the matching response or by a timer after
 *       {@code config.timeout}; then publishes {@code ONEXTREE_INTELLIGENCE_RECEIVED} with {@code intelligence_status}
 *       {@code received} (and the answer) or {@code timed_out}. A timeout is an outcome, not a failure: the stamp is
 *       still made.</li>
 *   <li>Called by the runtime's consumer with a record of its subscribed response topic: completes the waiting request
 *       of the same {@code request_id}; a response nobody waits for (another process's, or late) is ignored; one
 *       without {@code request_id} or {@code intelligence} is invalid and goes to the DLQ.</li>
 * </ul>
 *
 * <p>At most {@code config.max_pending} requests wait at once; beyond that a request fails at once (status
 * {@code failed}) instead of growing memory.
 */
public final class OnextreeIntelligenceEffect implements EffectNode<IntelligenceMessage, IntelligenceOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(OnextreeIntelligenceEffect.class);
    static final Set<String> CONFIG_KEYS = Set.of("timeout", "max_pending");

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final int maxPending;
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    @Inject
    public OnextreeIntelligenceEffect(NodeContract contract, ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        NodeConfigReader config = NodeConfigReader.of(contract, CONFIG_KEYS);
        this.timeout = config.duration("timeout", Duration.ofSeconds(3), Duration.ofMillis(1), Duration.ofMinutes(5));
        this.maxPending = config.integer("max_pending", 10_000, 1, 1_000_000);
        if (timeout.compareTo(contract.resilience().timeout()) >= 0) {
            config.problem("config.timeout: must be shorter than resilience.timeout ("
                    + contract.resilience().timeout().toMillis() + "ms), else the pipeline cancels the wait first, "
                    + "but was " + timeout.toMillis() + "ms");
        }
        config.check();
    }

    @Override
    public Class<IntelligenceMessage> inputType() {
        return IntelligenceMessage.class;
    }

    @Override
    public CompletionStage<IntelligenceOutcome> executeEffect(IntelligenceMessage in, NodeContext context) {
        if (context.trigger().isPresent()) {
            return CompletableFuture.completedFuture(answer(in, context));
        }
        if (!Boolean.TRUE.equals(in.requested())) {
            return CompletableFuture.completedFuture(
                    new IntelligenceOutcome(null, IntelligenceOutcome.NOT_REQUESTED, null));
        }
        return request(in, context);
    }

    /** Requests waiting for an answer now. */
    public int pendingRequests() {
        return pending.size();
    }

    private IntelligenceOutcome answer(IntelligenceMessage in, NodeContext context) {
        if (in.requestId() == null || in.requestId().isBlank()) {
            throw new InvalidInputException(StampEventFields.REQUEST_ID + ": required in an intelligence response, "
                    + "expected the request_id of the ONEXTREE_INTELLIGENCE_REQUESTED event it answers");
        }
        if (in.intelligence() == null) {
            throw new InvalidInputException(StampEventFields.INTELLIGENCE + ": required in an intelligence response, "
                    + "expected a JSON object (request_id " + in.requestId() + ")");
        }
        CompletableFuture<Map<String, Object>> waiting = pending.remove(in.requestId());
        if (waiting == null) {
            LOG.debug("intelligence response for request {} ignored: no request of this process waits for it "
                    + "(correlation_id={})", in.requestId(), context.correlationId());
            return new IntelligenceOutcome(in.requestId(), IntelligenceOutcome.UNMATCHED, null);
        }
        waiting.complete(in.intelligence());
        return new IntelligenceOutcome(in.requestId(), IntelligenceOutcome.MATCHED, null);
    }

    private CompletionStage<IntelligenceOutcome> request(IntelligenceMessage in, NodeContext context) {
        String requestId = UUID.randomUUID().toString();
        if (pending.size() >= maxPending) {
            return received(in, context, new IntelligenceOutcome(requestId, IntelligenceOutcome.FAILED, null),
                    "too many intelligence requests waiting (" + maxPending + ")");
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (pending.remove(requestId, answer)) {
                answer.complete(null);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // attached before the request goes out, so it runs on the thread that completes the answer: the consumer's
        // or the timer's, never the producer's I/O thread (a send from there can block it, see HandOffPublisher)
        CompletionStage<IntelligenceOutcome> outcome = answer.handle((intelligence, notSent) -> {
            timer.cancel(false);
            if (notSent != null) {
                return new Result(new IntelligenceOutcome(requestId, IntelligenceOutcome.FAILED, null),
                        "request not published: " + notSent);
            }
            return new Result(intelligence == null ? new IntelligenceOutcome(requestId, IntelligenceOutcome.TIMED_OUT, null)
                    : new IntelligenceOutcome(requestId, IntelligenceOutcome.RECEIVED, intelligence), null);
        }).thenCompose(r -> received(in, context, r.outcome(), r.why()));
        try {
            context.publisher().publish(OutboundEvent.builder(BridgeTopics.INTELLIGENCE_REQUESTED,
                    StampEventFields.INTELLIGENCE_REQUESTED).payload(requestPayload(in, requestId)).build())
                    .whenComplete((receipt, error) -> {
                        if (error != null && pending.remove(requestId, answer)) {
                            scheduler.execute(() -> answer.completeExceptionally(error));
                        }
                    });
        } catch (RuntimeException e) {
            if (pending.remove(requestId, answer)) {
                answer.completeExceptionally(e);
            }
        }
        return outcome;
    }

    private record Result(IntelligenceOutcome outcome, String why) {
    }

    private Map<String, Object> requestPayload(IntelligenceMessage in, String requestId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.REQUEST_ID, requestId);
        p.put(StampEventFields.WORKFLOW_ID, in.workflowId());
        p.put(StampEventFields.FILE_HASH, in.fileHash());
        p.put(StampEventFields.FILE_NAME, in.fileName());
        p.put(StampEventFields.NAMESPACE, in.namespace());
        p.put(StampEventFields.CONTENT_TYPE, in.contentType());
        p.put(StampEventFields.FILE_SIZE_BYTES, in.fileSizeBytes());
        p.put(StampEventFields.TIMEOUT_MS, timeout.toMillis());
        return p;
    }

    /** Publishes INTELLIGENCE_RECEIVED for the outcome; a failed publish is logged and does not change the outcome. */
    private CompletionStage<IntelligenceOutcome> received(IntelligenceMessage in, NodeContext context,
            IntelligenceOutcome outcome, String why) {
        if (why != null) {
            LOG.warn("intelligence request {} failed: correlation_id={} {}", outcome.requestId(),
                    context.correlationId(), why);
        } else if (IntelligenceOutcome.TIMED_OUT.equals(outcome.intelligenceStatus())) {
            LOG.info("intelligence request {} timed out after {} ms: correlation_id={}", outcome.requestId(),
                    timeout.toMillis(), context.correlationId());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.REQUEST_ID, outcome.requestId());
        p.put(StampEventFields.WORKFLOW_ID, in.workflowId());
        p.put(StampEventFields.FILE_HASH, in.fileHash());
        p.put(StampEventFields.INTELLIGENCE_STATUS, outcome.intelligenceStatus());
        if (outcome.intelligence() != null) {
            p.put(StampEventFields.INTELLIGENCE, outcome.intelligence());
        }
        return context.publisher().publish(OutboundEvent.builder(BridgeTopics.INTELLIGENCE_RECEIVED,
                StampEventFields.INTELLIGENCE_RECEIVED).payload(p).build()).handle((receipt, error) -> {
                    if (error != null) {
                        LOG.warn("{} not published: correlation_id={} error={}", StampEventFields.INTELLIGENCE_RECEIVED,
                                context.correlationId(), error.toString());
                    }
                    return outcome;
                });
    }
}
