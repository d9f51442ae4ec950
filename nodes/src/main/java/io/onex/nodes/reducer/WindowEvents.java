package io.onex.nodes.reducer;

import static io.onex.api.bridge.ReducerEventFields.*;

import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.api.topic.BridgeTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Publishes the reducer's 7 events for one window, with the payload fields of
 * {@link io.onex.api.bridge.ReducerEventFields}. Every event of a window has the aggregation id as correlation id and
 * the namespace as partition key, so one namespace's events stay in order on each topic. A publish that throws comes
 * back as a failed stage.
 *
 * <p>Every send runs on {@code sendExecutor}, never on the thread that completed the previous send: that is the
 * Kafka producer's I/O thread, and a send made there for a topic the producer has no metadata for yet waits for
 * metadata only that same thread can fetch (it stalls until {@code max.block.ms} and fails).
 */
final class WindowEvents {

    /**
     * On aggregation-completed: the ids of the consumed events the window counted, read back by a starting reducer
     * ({@link KafkaCountedEvents}) so that a window's records delivered again after a crash are not counted twice. In
     * the envelope's metadata, not the payload: the payload is what readers store (the database adapter's ledger).
     */
    static final String METADATA_CONSUMED_EVENT_IDS = "consumed_event_ids";

    private final EventPublisher publisher;
    private final Executor sendExecutor;

    WindowEvents(EventPublisher publisher, Executor sendExecutor) {
        this.publisher = publisher;
        this.sendExecutor = sendExecutor;
    }

    /** fsm-state-initialized ({@code idle}), the transition to {@code aggregating}, aggregation-started. */
    CompletableFuture<Void> opened(AggregationWindow w, AggregationFsm.Transition toAggregating) {
        Map<String, Object> init = fsm(w);
        init.put(TO_STATE, AggregationState.IDLE.wireName());
        Map<String, Object> started = base(w);
        return all(
                publish(BridgeTopics.FSM_STATE_INITIALIZED, FSM_STATE_INITIALIZED, w, init),
                transition(w, toAggregating),
                publish(BridgeTopics.AGGREGATION_STARTED, AGGREGATION_STARTED, w, started));
    }

    /**
     * The window's state, one event after the other, each sent only once the one before was acknowledged: the
     * transition to {@code persisting}, batch-processed, state-persisted (with the namespace's totals including this
     * window), and last aggregation-completed. So aggregation-completed exists only for a window whose other events
     * all landed: it is the window's commit, the event to count a window by, and it names the consumed events it
     * counted. A window whose stage fails gets
     * aggregation-failed with the same aggregation id (and may have left some of the earlier events).
     */
    CompletableFuture<Void> closed(AggregationWindow w, AggregationFsm.Transition toPersisting, WindowAggregate a,
            NamespaceTotals totalsAfter) {
        Map<String, Object> batch = base(w);
        batch.put(WINDOW_CLOSE_REASON, a.closeReason());
        batch.put(ITEMS_PROCESSED, a.itemsProcessed());
        batch.put(DURATION_MS, a.durationMs());
        Map<String, Object> persisted = totals(w, a);
        persisted.put(STATE_SNAPSHOT, totalsAfter.toSnapshot());
        return transition(w, toPersisting)
                .thenCompose(x -> publish(BridgeTopics.BATCH_PROCESSED, BATCH_PROCESSED, w, batch, a.itemsProcessed()))
                .thenCompose(x -> publish(BridgeTopics.STATE_PERSISTED, STATE_PERSISTED, w, persisted))
                .thenCompose(x -> publish(OutboundEvent.builder(BridgeTopics.AGGREGATION_COMPLETED,
                        AGGREGATION_COMPLETED).payload(totals(w, a)).correlationId(w.aggregationId)
                        .partitionKey(w.namespace).metadata(METADATA_BATCH_SIZE, a.itemsProcessed())
                        .metadata(METADATA_CONSUMED_EVENT_IDS, List.copyOf(w.eventIds())).build()));
    }

    /** The transition to {@code completed} or {@code failed}. */
    CompletableFuture<Void> finished(AggregationWindow w, AggregationFsm.Transition last) {
        return transition(w, last);
    }

    /** The transition to {@code failed} and aggregation-failed with the error and what the window held. */
    CompletableFuture<Void> failed(AggregationWindow w, AggregationFsm.Transition toFailed, String closeReason,
            Throwable error) {
        Map<String, Object> p = base(w);
        p.put(WINDOW_CLOSE_REASON, closeReason);
        p.put(ITEMS_PROCESSED, w.items());
        p.put(ERROR_TYPE, error.getClass().getName());
        p.put(ERROR_MESSAGE, String.valueOf(error.getMessage()));
        return all(transition(w, toFailed), publish(BridgeTopics.AGGREGATION_FAILED, AGGREGATION_FAILED, w, p));
    }

    private Map<String, Object> totals(AggregationWindow w, WindowAggregate a) {
        Map<String, Object> p = base(w);
        p.put(WINDOW_CLOSE_REASON, a.closeReason());
        p.put(ITEMS_PROCESSED, a.itemsProcessed());
        p.put(DURATION_MS, a.durationMs());
        p.put(TOTAL_STAMPS, a.totalStamps());
        p.put(TOTAL_SIZE_BYTES, a.totalSizeBytes());
        p.put(TOTAL_WORKFLOWS, a.totalWorkflows());
        p.put(WORKFLOWS_COMPLETED, a.workflowsCompleted());
        p.put(WORKFLOWS_FAILED, a.workflowsFailed());
        p.put(FILE_TYPES, a.fileTypes());
        p.put(WORKFLOW_IDS, a.workflowIds());
        p.put(WORKFLOW_IDS_TOTAL, a.workflowIdsTotal());
        return p;
    }

    private CompletableFuture<Void> transition(AggregationWindow w, AggregationFsm.Transition t) {
        Map<String, Object> p = fsm(w);
        p.put(FROM_STATE, t.from().wireName());
        p.put(TO_STATE, t.to().wireName());
        p.put(TRANSITION_EVENT, t.event());
        return publish(BridgeTopics.FSM_STATE_TRANSITIONED, FSM_STATE_TRANSITIONED, w, p);
    }

    private static Map<String, Object> fsm(AggregationWindow w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ENTITY_ID, w.aggregationId);
        p.put(ENTITY_TYPE, ENTITY_TYPE_AGGREGATION);
        p.putAll(base(w));
        return p;
    }

    private static Map<String, Object> base(AggregationWindow w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(AGGREGATION_ID, w.aggregationId);
        p.put(AGGREGATION_TYPE, AGGREGATION_TYPE_NAMESPACE);
        p.put(NAMESPACE, w.namespace);
        p.put(BRIDGE_ID, w.bridgeId);
        return p;
    }

    private CompletableFuture<Void> publish(String topic, String type, AggregationWindow w, Map<String, Object> p) {
        return publish(OutboundEvent.builder(topic, type).payload(p).correlationId(w.aggregationId)
                .partitionKey(w.namespace).build());
    }

    /** An event of a closed window, with its item count as {@code metadata.batch_size} (the Python services' place). */
    private CompletableFuture<Void> publish(String topic, String type, AggregationWindow w, Map<String, Object> p,
            int batchSize) {
        return publish(OutboundEvent.builder(topic, type).payload(p).correlationId(w.aggregationId)
                .partitionKey(w.namespace).metadata(METADATA_BATCH_SIZE, batchSize).build());
    }

    private CompletableFuture<Void> publish(OutboundEvent event) {
        try {
            return CompletableFuture.supplyAsync(() -> publisher.publish(event), sendExecutor)
                    .thenCompose(CompletionStage::toCompletableFuture).thenApply(r -> null);
        } catch (RuntimeException e) { // the executor refused: the node is stopping
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> all(CompletableFuture<?>... stages) {
        return CompletableFuture.allOf(List.of(stages).toArray(new CompletableFuture<?>[0]));
    }
}
