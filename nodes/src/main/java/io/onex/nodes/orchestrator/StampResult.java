package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What one stamping run gave: the output of {@code bridge_orchestrator}.
 *
 * @param workflowId the run's id, as in its workflow events
 * @param correlationId the run's correlation id
 * @param stampId the stamp's id (null when the run failed)
 * @param fileHash lower-case hex BLAKE3 of the content
 * @param hashAlgorithm {@code blake3}
 * @param namespace the namespace
 * @param fileName the file name
 * @param fileSizeBytes the content's size in bytes
 * @param contentType the MIME type (given or inferred)
 * @param fileType the short file type (the extension, lower case; {@code unknown} without one)
 * @param createdAt ISO-8601 instant of the stamp
 * @param intelligenceStatus {@code not_requested}, {@code received}, {@code timed_out} or {@code failed}
 * @param intelligence what the intelligence service answered, or null
 * @param state the run's final state: {@code completed} or {@code failed}
 * @param error why the run failed, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StampResult(String workflowId, String correlationId, String stampId, String fileHash,
        String hashAlgorithm, String namespace, String fileName, Long fileSizeBytes, String contentType,
        String fileType, String createdAt, String intelligenceStatus, Map<String, Object> intelligence, String state,
        String error) {

    /** Whether the run completed and the stamp was published. */
    public boolean completed() {
        return "completed".equals(state);
    }
}
