package io.onex.runtime.workflow;

import java.nio.file.Path;

/**
 * Where a part of a workflow was written, so that problems found later (at validation or at run time) can name it.
 *
 * @param file the workflow file as the caller named it
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourceLocation(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
