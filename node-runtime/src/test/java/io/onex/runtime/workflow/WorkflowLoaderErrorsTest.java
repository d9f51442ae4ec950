package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad workflow file per failure mode; each file's complete message is pinned in a golden file beside it
 * ({@code NAME.errors.txt}). Set {@code -Dworkflow.golden.write=true} to rewrite the golden files after a deliberate
 * change, then review the diff.
 */
class WorkflowLoaderErrorsTest {

    static final Path BAD = Path.of("src/test/resources/workflows/bad");
    static final Map<String, NodeType> NODES = Map.of("count_words", NodeType.COMPUTE, "publish_event", NodeType.EFFECT,
            "sum_reducer", NodeType.REDUCER);
    /** count_words declares its outputs (so reads of its steps are checked); the other nodes do not. */
    static final Map<String, Map<String, String>> OUTPUTS = Map.of("count_words",
            FakeNodes.outputs("word_count", "integer", "entities", "list"));

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsEveryProblemOfTheFileWithItsLocation(String fixture) throws IOException {
        Path file = BAD.resolve(fixture + ".yaml");
        Path golden = BAD.resolve(fixture + ".errors.txt");
        WorkflowLoader loader = new WorkflowLoader(NODES, OUTPUTS);
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(WorkflowValidationException.class)
                .satisfies(e -> {
                    String actual = e.getMessage() + "\n";
                    if (Boolean.getBoolean("workflow.golden.write")) {
                        Files.writeString(golden, actual, StandardCharsets.UTF_8);
                    }
                    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                });
    }
}
