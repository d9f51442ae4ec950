package io.onex.nodes.reducer;

import java.time.Instant;
import java.util.List;

/**
 * One closed aggregation window of one namespace, as published in {@code aggregation-completed}.
 *
 * @param aggregationId the window's id (UUID)
 * @param namespace the namespace it aggregates
 * @param bridgeId the namespace's state row id ({@code bridge_states.bridge_id}), stable across restarts
 * @param closeReason {@code count} or {@code time}
 * @param itemsProcessed distinct events folded (duplicates are not counted)
 * @param totalStamps stamps created
 * @param totalSizeBytes bytes stamped
 * @param workflowsCompleted workflows that completed
 * @param workflowsFailed workflows that failed
 * @param fileTypes distinct file types, sorted
 * @param workflowIds a sample of the distinct workflow ids, first seen first (at most {@code workflow_id_samples})
 * @param workflowIdsTotal how many distinct workflow ids the window saw
 * @param openedAt when the window opened (the injected clock)
 * @param closedAt when it closed
 */
public record WindowAggregate(String aggregationId, String namespace, String bridgeId, String closeReason,
        int itemsProcessed, long totalStamps, long totalSizeBytes, long workflowsCompleted, long workflowsFailed,
        List<String> fileTypes, List<String> workflowIds, int workflowIdsTotal, Instant openedAt, Instant closedAt) {

    public WindowAggregate {
        fileTypes = List.copyOf(fileTypes);
        workflowIds = List.copyOf(workflowIds);
    }

    /** Workflows completed or failed in the window. */
    public long totalWorkflows() {
        return workflowsCompleted + workflowsFailed;
    }

    /** How long the window was open, in milliseconds. */
    public long durationMs() {
        return closedAt.toEpochMilli() - openedAt.toEpochMilli();
    }
}
