package io.onex.runtime.yaml;

import io.onex.runtime.yaml.FileProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one file, in the order found. */
public final class FileProblems {

    private final Path file;
    private final List<FileProblem> problems = new ArrayList<>();

    /**
     * @param file the source name used in every problem
     */
    public FileProblems(Path file) {
        this.file = file;
    }

    /** The source name. */
    public Path file() {
        return file;
    }

    /** Adds a problem located at a mark. */
    public void add(YamlNode.Mark at, String field, String message) {
        problems.add(new FileProblem(file, at.line(), at.column(), field, message));
    }

    /** The live list, for readers that add problems themselves. */
    public List<FileProblem> list() {
        return problems;
    }

    /** Whether nothing was found. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }
}
