package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onex.api.ComputeNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.codec.digest.Blake3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hashing step ({@code blake3_hash_compute}): the 32-byte BLAKE3 digest of the content, as lower-case hex, with
 * commons-codec's implementation. Publishes {@code BLAKE3_HASH_GENERATED} with the run's correlation id; the
 * computation does not wait for the event (a failed publish is logged), so a slow broker never holds a hash back.
 */
public final class Blake3HashCompute implements ComputeNode<Blake3HashCompute.HashInput, Blake3HashCompute.HashResult> {

    private static final Logger LOG = LoggerFactory.getLogger(Blake3HashCompute.class);

    /**
     * The content to hash: text (its UTF-8 bytes) or base64 bytes.
     *
     * @param workflowId the run's id (filled in by the orchestrator), or null
     * @param content text content, or null
     * @param contentBase64 base64 content, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HashInput(String workflowId, String content, String contentBase64) {
    }

    /**
     * A content's digest.
     *
     * @param fileHash lower-case hex, 64 characters
     * @param hashAlgorithm {@code blake3}
     * @param fileSizeBytes the content's size
     * @param hashDurationMs time spent hashing
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HashResult(String fileHash, String hashAlgorithm, long fileSizeBytes, double hashDurationMs) {
    }

    @Override
    public Class<HashInput> inputType() {
        return HashInput.class;
    }

    @Override
    public HashResult compute(HashInput in, NodeContext context) {
        byte[] bytes = bytes(in);
        long t0 = System.nanoTime();
        String hash = blake3Hex(bytes);
        double ms = (System.nanoTime() - t0) / 1_000_000.0;
        HashResult result = new HashResult(hash, StampEventFields.HASH_ALGORITHM_BLAKE3, bytes.length, ms);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(StampEventFields.WORKFLOW_ID, in.workflowId());
        payload.put(StampEventFields.FILE_HASH, hash);
        payload.put(StampEventFields.HASH_ALGORITHM, StampEventFields.HASH_ALGORITHM_BLAKE3);
        payload.put(StampEventFields.FILE_SIZE_BYTES, bytes.length);
        payload.put(StampEventFields.HASH_DURATION_MS, ms);
        context.publisher().publish(OutboundEvent.builder(BridgeTopics.BLAKE3_HASH_GENERATED,
                StampEventFields.HASH_GENERATED).payload(payload).build()).whenComplete((receipt, error) -> {
                    if (error != null) {
                        LOG.warn("{} not published: correlation_id={} error={}", StampEventFields.HASH_GENERATED,
                                context.correlationId(), error.toString());
                    }
                });
        return result;
    }

    /** The lower-case hex BLAKE3-256 digest of {@code bytes}. */
    public static String blake3Hex(byte[] bytes) {
        return HexFormat.of().formatHex(Blake3.hash(bytes));
    }

    private static byte[] bytes(HashInput in) {
        if (in.content() != null) {
            return in.content().getBytes(StandardCharsets.UTF_8);
        }
        if (in.contentBase64() != null) {
            try {
                return Base64.getDecoder().decode(in.contentBase64());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("content_base64: expected standard base64, but " + e.getMessage());
            }
        }
        throw new InvalidInputException("content: required, expected 'content' or 'content_base64'");
    }
}
