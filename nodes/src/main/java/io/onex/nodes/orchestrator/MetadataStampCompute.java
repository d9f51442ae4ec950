package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onex.api.ComputeNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.bridge.StampEventFields;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stamp-creation step ({@code metadata_stamp_compute}): a {@link MetadataStamp} from the checked input and the
 * hash. The stamp id is a name-based UUID of the run's workflow id and the hash, so the same run always names its
 * stamp the same way (a retried step cannot mint a second id); {@code created_at} comes from the runtime's clock.
 */
public final class MetadataStampCompute implements ComputeNode<MetadataStampCompute.StampInput, MetadataStamp> {

    /**
     * What a stamp is made of.
     *
     * @param workflowId the run's id (filled in by the orchestrator), or null when run without it
     * @param fileHash the BLAKE3 hex digest
     * @param fileName the file name
     * @param namespace the namespace
     * @param fileSizeBytes the content's size
     * @param contentType the MIME type
     * @param fileType the short file type
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StampInput(String workflowId, String fileHash, String fileName, String namespace, Long fileSizeBytes,
            String contentType, String fileType) {
    }

    @Override
    public Class<StampInput> inputType() {
        return StampInput.class;
    }

    @Override
    public MetadataStamp compute(StampInput in, NodeContext context) {
        require(in.fileHash(), StampEventFields.FILE_HASH);
        require(in.fileName(), StampEventFields.FILE_NAME);
        require(in.namespace(), StampEventFields.NAMESPACE);
        require(in.contentType(), StampEventFields.CONTENT_TYPE);
        require(in.fileType(), StampEventFields.FILE_TYPE);
        if (in.fileSizeBytes() == null || in.fileSizeBytes() < 0) {
            throw new InvalidInputException(StampEventFields.FILE_SIZE_BYTES + ": expected a size >= 0, but was "
                    + in.fileSizeBytes());
        }
        String seed = (in.workflowId() == null ? context.correlationId() : in.workflowId()) + ":" + in.fileHash();
        String stampId = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
        return new MetadataStamp(stampId, in.workflowId(), in.fileHash(), StampEventFields.HASH_ALGORITHM_BLAKE3,
                in.namespace(), in.fileName(), in.fileSizeBytes(), in.contentType(), in.fileType(),
                context.clock().instant().toString());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + ": required, but was " + (value == null ? "missing" : "empty"));
        }
    }
}
