package io.onex.runtime.yaml;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a YAML file (a contract, a workflow), located in the file.
 *
 * <p>{@link #toString()} gives the form editors and terminals turn into links:
 * {@code contracts/bad.yaml:14:5: resilience.retry.max_attempts: must be >= 1, but was 0}. A problem that has no
 * position (the file could not be read) leaves out line and column; one that concerns no field (a YAML syntax
 * error) leaves out the field.
 *
 * @param file the file, as the caller named it (relative paths stay relative)
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field dotted path of the field ({@code resilience.retry.max_attempts}, {@code topics.subscribe[0]}), or
 *     empty when the problem concerns no field
 * @param message what was wrong and what was expected
 */
public record FileProblem(Path file, int line, int column, String field, String message) {

    public FileProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file.toString());
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}
