package io.onex.runtime.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the payload schema files of one version of a project: a contract names a schema by its class-path resource
 * ({@code io/onex/nodes/agentlog/schema/agent-quality-gate.v1.json}), and in a source tree that resource is a file
 * whose path ends with that name (under {@code src/main/resources}, or anywhere else in the tree). Build output
 * ({@code target/}) and hidden folders are not searched.
 */
final class SchemaSource {

    private static final int MAX_DEPTH = 16;

    private final Path root;
    private List<Path> jsonFiles;
    private final Map<String, Optional<YamlDocument>> found = new HashMap<>();

    SchemaSource(Path root) {
        this.root = root;
    }

    Optional<YamlDocument> find(String resource) {
        return found.computeIfAbsent(resource, r -> files().stream()
                .filter(f -> f.endsWith(r))
                .findFirst()
                .map(YamlDocument::read));
    }

    private List<Path> files() {
        if (jsonFiles == null) {
            try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
                jsonFiles = walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".json"))
                        .filter(p -> !excluded(root.relativize(p)))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot search " + root + " for payload schemas", e);
            }
        }
        return jsonFiles;
    }

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || (name.startsWith(".") && name.length() > 1)) {
                return true;
            }
        }
        return false;
    }
}
