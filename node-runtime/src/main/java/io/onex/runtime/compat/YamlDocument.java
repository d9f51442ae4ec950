package io.onex.runtime.compat;

import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.yaml.YamlNode;
import io.onex.runtime.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML (or JSON) file read as a located tree, for finding where a compared value is written. The values themselves
 * come from the loaders, which have already validated the file; this only answers "where".
 */
final class YamlDocument {

    private final Path file;
    private final YamlNode root;

    private YamlDocument(Path file, YamlNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads a file.
     *
     * @throws CompatibilityInputException naming the file and what is wrong with it
     */
    static YamlDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CompatibilityInputException(file + ": cannot read: " + e.getMessage());
        }
        List<FileProblem> problems = new ArrayList<>();
        Optional<YamlNode> root = new YamlTreeReader(file, problems).read(text);
        if (!problems.isEmpty()) {
            throw new CompatibilityInputException(problems.get(0).toString());
        }
        return new YamlDocument(file, root.orElse(new YamlNode.Mapping(List.of(), YamlNode.Mark.START)));
    }

    Path file() {
        return file;
    }

    YamlNode root() {
        return root;
    }

    /** The entry at a dotted path of mapping keys ({@code topics.subscribe}), if written. */
    Optional<YamlNode.Entry> entry(String dottedPath) {
        return entry(root, dottedPath);
    }

    static Optional<YamlNode.Entry> entry(YamlNode from, String dottedPath) {
        YamlNode node = from;
        YamlNode.Entry found = null;
        for (String key : dottedPath.split("\\.")) {
            if (!(node instanceof YamlNode.Mapping m)) {
                return Optional.empty();
            }
            Optional<YamlNode.Entry> e = m.get(key);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            found = e.get();
            node = found.value();
        }
        return Optional.ofNullable(found);
    }

    /** Where a dotted path's key is written, else where its nearest written parent is, else the document's start. */
    YamlNode.Mark markOf(String dottedPath) {
        String path = dottedPath;
        while (!path.isEmpty()) {
            Optional<YamlNode.Entry> e = entry(path);
            if (e.isPresent()) {
                return e.get().keyMark();
            }
            int dot = path.lastIndexOf('.');
            path = dot < 0 ? "" : path.substring(0, dot);
        }
        return root.mark();
    }

    /** Where an item of a list at a dotted path is written (matched by its text), else where the list's key is. */
    YamlNode.Mark markOfItem(String dottedPath, String itemText) {
        Optional<YamlNode.Entry> e = entry(dottedPath);
        if (e.isPresent() && e.get().value() instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) {
                if (item instanceof YamlNode.Scalar sc && sc.text().equals(itemText)) {
                    return sc.mark();
                }
            }
        }
        return markOf(dottedPath);
    }

    /** The location of a place in this file, as "file:line:column", for messages that point at the old version. */
    String where(YamlNode.Mark at) {
        return file + ":" + at.line() + ":" + at.column();
    }
}
