package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The input of {@code onextree_intelligence_effect}: from the workflow step, what to ask about; from a consumed
 * response record (its payload), the {@code request_id} answered and the {@code intelligence} answer.
 *
 * @param requested whether the run asked for intelligence (workflow step; null means false)
 * @param workflowId the run's id (workflow step)
 * @param fileHash the content's hash (workflow step)
 * @param fileName the file name (workflow step)
 * @param namespace the namespace (workflow step)
 * @param contentType the MIME type (workflow step)
 * @param fileSizeBytes the content's size (workflow step)
 * @param requestId the request answered (response)
 * @param intelligence the answer (response)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntelligenceMessage(Boolean requested, String workflowId, String fileHash, String fileName,
        String namespace, String contentType, Long fileSizeBytes, String requestId, Map<String, Object> intelligence) {
}
