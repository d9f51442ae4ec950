package io.onex.nodes.textstats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What the text statistics node found in a document.
 *
 * @param documentId the document's id
 * @param wordCount words (runs of letters, digits, apostrophes and hyphens)
 * @param sentenceCount sentences (text ending in '.', '!' or '?', or the rest of the text)
 * @param entities distinct capitalised words that do not open a sentence, in order of first appearance: a cheap
 *     stand-in for named entities
 * @param relationships pairs of entities that appear in the same sentence, each written "A-B", in order found
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TextStatistics(String documentId, int wordCount, int sentenceCount, List<String> entities,
        List<String> relationships) {
}
