package io.onex.nodes.textstats;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.InvalidInputException;
import io.onex.runtime.testing.NodeTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node as its shipped contract runs it (NodeTestKit: the runtime's wiring and pipeline, no broker). */
class TextStatisticsContractTest {

    private static final Path CONTRACT = Path.of("../contracts/text_statistics_compute.yaml");

    @Test
    void aWorkflowStepsMapInputIsConvertedAndComputed() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            Object out = kit.call(Map.of("document_id", "doc-1",
                    "text", "Alice met Bob in Paris. They talked about Kafka! Then Alice left")).join();

            assertThat(out).isEqualTo(new TextStatistics("doc-1", 12, 3, List.of("Bob", "Paris", "Kafka", "Alice"),
                    List.of("Bob-Paris")));
            assertThat(kit.published()).isEmpty();
        }
    }

    @Test
    void missingTextFailsOnceAsInvalidInputWithoutRetryOrDeadLetter() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            var call = kit.call(Map.of("document_id", "doc-2"));

            // failed already: no retry is waiting for its backoff on the kit's manual scheduler
            assertThat(call).failsWithin(Duration.ZERO).withThrowableThat()
                    .havingRootCause().isInstanceOf(InvalidInputException.class).withMessageContaining("text: required");
            assertThat(kit.deadLetters()).isEmpty(); // dead_letter.enabled: false
        }
    }
}
