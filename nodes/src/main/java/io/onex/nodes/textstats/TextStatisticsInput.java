package io.onex.nodes.textstats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A document to measure.
 *
 * @param documentId the document's id, echoed in the output
 * @param text the document's text
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TextStatisticsInput(String documentId, String text) {
}
