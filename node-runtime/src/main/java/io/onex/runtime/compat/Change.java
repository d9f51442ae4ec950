package io.onex.runtime.compat;

import io.onex.runtime.yaml.YamlNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One difference between the old and the new version of a file, located in the new file (or in the old one, for
 * what the new version no longer has at all).
 *
 * <p>{@link #toString()} reads like the loaders' problems, with the verdict after the field:
 * {@code new/contracts/sink.yaml:14:7: topics.subscribe: breaking: topic 'orders.evt.created.v1' is no longer
 * subscribed; its producers' events would not be consumed}.
 *
 * @param severity whether the change breaks the other side
 * @param file the file the change is located in
 * @param at where in that file
 * @param field dotted path of the field
 * @param message what changed and why it matters
 */
public record Change(Severity severity, Path file, YamlNode.Mark at, String field, String message) {

    /** Whether a change breaks services built against the old version. */
    public enum Severity {
        /** Old producers, consumers or callers stop working with the new version. */
        BREAKING,
        /** The old side keeps working (an addition, a widening). */
        COMPATIBLE;

        String word() {
            return this == BREAKING ? "breaking" : "compatible";
        }
    }

    public Change {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
    }

    static Change breaking(Path file, YamlNode.Mark at, String field, String message) {
        return new Change(Severity.BREAKING, file, at, field, message);
    }

    static Change compatible(Path file, YamlNode.Mark at, String field, String message) {
        return new Change(Severity.COMPATIBLE, file, at, field, message);
    }

    /** Whether this change breaks the other side. */
    public boolean isBreaking() {
        return severity == Severity.BREAKING;
    }

    @Override
    public String toString() {
        return file + ":" + at.line() + ":" + at.column() + ": " + (field.isEmpty() ? "" : field + ": ")
                + severity.word() + ": " + message;
    }
}
