package io.onex.nodes.reducer;

import io.onex.api.bridge.ReducerEventFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one namespace's published windows add up to since this reducer instance started: the {@code state_snapshot}
 * of {@code state-persisted}, and what {@link NodeBridgeReducer#totals()} returns.
 *
 * @param namespace the namespace
 * @param bridgeId its state row id ({@code bridge_states.bridge_id})
 * @param windowsCompleted windows published
 * @param totalStamps stamps created
 * @param totalSizeBytes bytes stamped
 * @param workflowsCompleted workflows that completed
 * @param workflowsFailed workflows that failed
 * @param fileTypes distinct file types, sorted, at most {@link #MAX_FILE_TYPES}
 * @param lastAggregationId the last window published
 * @param updatedAt when the last window closed
 */
public record NamespaceTotals(String namespace, String bridgeId, long windowsCompleted, long totalStamps,
        long totalSizeBytes, long workflowsCompleted, long workflowsFailed, List<String> fileTypes,
        String lastAggregationId, Instant updatedAt) {

    /** Bound on the distinct file types kept per namespace. */
    public static final int MAX_FILE_TYPES = 100;

    /** Snapshot key: windows published. */
    static final String WINDOWS_COMPLETED = "windows_completed";
    /** Snapshot key: the last window published. */
    static final String LAST_AGGREGATION_ID = "last_aggregation_id";
    /** Snapshot key: when the last window closed (ISO-8601). */
    static final String UPDATED_AT = "updated_at";

    public NamespaceTotals {
        fileTypes = List.copyOf(fileTypes);
    }

    static NamespaceTotals empty(String namespace, String bridgeId) {
        return new NamespaceTotals(namespace, bridgeId, 0, 0, 0, 0, 0, List.of(), null, null);
    }

    /** Workflows completed or failed. */
    public long totalWorkflows() {
        return workflowsCompleted + workflowsFailed;
    }

    /** These totals with one more window added. */
    NamespaceTotals plus(WindowAggregate w) {
        TreeSet<String> types = new TreeSet<>(fileTypes);
        for (String t : w.fileTypes()) {
            if (types.size() >= MAX_FILE_TYPES) {
                break;
            }
            types.add(t);
        }
        return new NamespaceTotals(namespace, bridgeId, windowsCompleted + 1, totalStamps + w.totalStamps(),
                totalSizeBytes + w.totalSizeBytes(), workflowsCompleted + w.workflowsCompleted(),
                workflowsFailed + w.workflowsFailed(), List.copyOf(types), w.aggregationId(), w.closedAt());
    }

    /** The {@code state_snapshot} object: the same field names as the window's own totals. */
    Map<String, Object> toSnapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ReducerEventFields.NAMESPACE, namespace);
        m.put(ReducerEventFields.BRIDGE_ID, bridgeId);
        m.put(WINDOWS_COMPLETED, windowsCompleted);
        m.put(ReducerEventFields.TOTAL_STAMPS, totalStamps);
        m.put(ReducerEventFields.TOTAL_SIZE_BYTES, totalSizeBytes);
        m.put(ReducerEventFields.TOTAL_WORKFLOWS, totalWorkflows());
        m.put(ReducerEventFields.WORKFLOWS_COMPLETED, workflowsCompleted);
        m.put(ReducerEventFields.WORKFLOWS_FAILED, workflowsFailed);
        m.put(ReducerEventFields.FILE_TYPES, fileTypes);
        m.put(LAST_AGGREGATION_ID, lastAggregationId);
        m.put(UPDATED_AT, updatedAt == null ? null : updatedAt.toString());
        return m;
    }
}
