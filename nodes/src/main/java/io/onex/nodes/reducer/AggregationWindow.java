package io.onex.nodes.reducer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One namespace's tumbling window while it is open or being published: its totals, the event ids folded into it
 * (the dedupe set), its FSM, and the calls waiting for it to be published. Not thread-safe: guarded by the
 * {@link WindowAggregator}'s lock.
 */
final class AggregationWindow {

    final String aggregationId = UUID.randomUUID().toString();
    final String namespace;
    final String bridgeId;
    final Instant openedAt;
    final AggregationFsm fsm = new AggregationFsm(aggregationId);
    final List<CompletableFuture<WindowAggregate>> waiters = new ArrayList<>();
    ScheduledFuture<?> timer;

    private final Set<String> eventIds = new HashSet<>();
    private final TreeSet<String> fileTypes = new TreeSet<>();
    private final LinkedHashSet<String> workflowIds = new LinkedHashSet<>();
    private long stamps;
    private long sizeBytes;
    private long workflowsCompleted;
    private long workflowsFailed;

    AggregationWindow(String namespace, String bridgeId, Instant openedAt) {
        this.namespace = namespace;
        this.bridgeId = bridgeId;
        this.openedAt = openedAt;
    }

    Set<String> eventIds() {
        return eventIds;
    }

    int items() {
        return eventIds.size();
    }

    /** Folds an intent in; false when its event id is already in the window (a redelivery: nothing changes). */
    boolean fold(ReducerIntent intent) {
        if (!eventIds.add(intent.eventId())) {
            return false;
        }
        switch (intent.kind()) {
            case STAMP_CREATED -> {
                stamps++;
                sizeBytes += intent.sizeBytes();
                if (intent.fileType() != null) {
                    fileTypes.add(intent.fileType());
                }
            }
            case WORKFLOW_COMPLETED -> workflowsCompleted++;
            case WORKFLOW_FAILED -> workflowsFailed++;
        }
        if (intent.workflowId() != null) {
            workflowIds.add(intent.workflowId());
        }
        return true;
    }

    /** The window's aggregate as closed now, with at most {@code workflowIdSamples} workflow ids listed. */
    WindowAggregate summary(String closeReason, Instant closedAt, int workflowIdSamples) {
        List<String> sample = workflowIds.stream().limit(workflowIdSamples).toList();
        return new WindowAggregate(aggregationId, namespace, bridgeId, closeReason, items(), stamps, sizeBytes,
                workflowsCompleted, workflowsFailed, List.copyOf(fileTypes), sample, workflowIds.size(), openedAt,
                closedAt);
    }
}
