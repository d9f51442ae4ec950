package io.onex.nodes.textstats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTextStatisticsComputeTest {

    private final NodeTextStatisticsCompute node = new NodeTextStatisticsCompute();

    @Test
    void countsWordsSentencesEntitiesAndTheirCoOccurrence() {
        TextStatistics s = node.compute(new TextStatisticsInput("doc-1",
                "Alice met Bob in Paris. They talked about Kafka! Then Alice left"), null);

        assertThat(s.documentId()).isEqualTo("doc-1");
        assertThat(s.wordCount()).isEqualTo(12);
        assertThat(s.sentenceCount()).isEqualTo(3);
        assertThat(s.entities()).containsExactly("Bob", "Paris", "Kafka", "Alice");
        assertThat(s.relationships()).containsExactly("Bob-Paris");
    }

    @Test
    void anEmptyTextHasNothing() {
        TextStatistics s = node.compute(new TextStatisticsInput("doc-2", "  "), null);

        assertThat(s).isEqualTo(new TextStatistics("doc-2", 0, 0, List.of(), List.of()));
    }

    @Test
    void aMissingTextIsInvalidInput() {
        assertThatThrownBy(() -> node.compute(new TextStatisticsInput("doc-3", null), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text: required");
    }
}
