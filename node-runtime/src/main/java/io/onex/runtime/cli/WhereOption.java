package io.onex.runtime.cli;

import io.onex.runtime.ops.RecordFilter;

/** The {@code --where CEL} option of {@code tail} and {@code dlq show/replay}: compiled before the cluster is asked. */
final class WhereOption {

    private WhereOption() {
    }

    /**
     * The filter, or an {@link IllegalArgumentException} naming what is wrong in the expression and where, which
     * {@link ClusterCommand} reports as a usage error (exit 2) without the usage text: the options were used right,
     * the expression is what to fix.
     */
    static RecordFilter compile(String where) {
        try {
            return RecordFilter.where(where);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--where: " + e.getMessage(), e);
        }
    }
}
