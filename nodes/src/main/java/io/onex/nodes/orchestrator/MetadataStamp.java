package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A metadata stamp, with the field names of {@link io.onex.api.bridge.StampEventFields}.
 *
 * @param stampId the stamp's id (UUID)
 * @param workflowId the run that made it, or null outside the orchestrator
 * @param fileHash lower-case hex BLAKE3 digest
 * @param hashAlgorithm {@code blake3}
 * @param namespace the namespace
 * @param fileName the file name
 * @param fileSizeBytes the content's size in bytes
 * @param contentType the MIME type
 * @param fileType the short file type
 * @param createdAt ISO-8601 instant
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetadataStamp(String stampId, String workflowId, String fileHash, String hashAlgorithm, String namespace,
        String fileName, long fileSizeBytes, String contentType, String fileType, String createdAt) {
}
