package io.onex.runtime.compat;

import java.util.List;

/**
 * What {@link CompatibilityCheck} found: every change, breaking ones first, each group in file and line order.
 *
 * @param changes the changes
 * @param compared how many contracts, workflows and payload schemas were found on both sides and compared
 */
public record CompatibilityReport(List<Change> changes, Compared compared) {

    /**
     * @param contracts contracts present in both versions
     * @param workflows workflows present in both versions
     * @param payloadSchemas payload schemas compared
     */
    public record Compared(int contracts, int workflows, int payloadSchemas) {
    }

    public CompatibilityReport {
        changes = List.copyOf(changes);
    }

    /** The changes that break the other side. */
    public List<Change> breaking() {
        return changes.stream().filter(Change::isBreaking).toList();
    }

    /** Whether nothing breaks. */
    public boolean isCompatible() {
        return breaking().isEmpty();
    }
}
