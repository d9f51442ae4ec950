package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Base64;

/**
 * What to stamp: the input of {@code bridge_orchestrator} and of {@code workflows/metadata_stamping.yaml}.
 *
 * @param content the content as text (stamped as its UTF-8 bytes); give this or {@code contentBase64}
 * @param contentBase64 the content's bytes, base64-encoded (standard alphabet); give this or {@code content}
 * @param fileName the file's name, e.g. {@code README.md} (required)
 * @param namespace the grouping the reducer aggregates by, e.g. {@code docs} (required, not blank)
 * @param contentType MIME type, or null to infer it from the file name ({@code application/octet-stream} when unknown)
 * @param requestIntelligence whether to ask the intelligence service (null means false)
 * @param correlationId the run's correlation id, or null for the call's; the same id twice returns the first stamp
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StampRequest(String content, String contentBase64, String fileName, String namespace,
        String contentType, Boolean requestIntelligence, String correlationId) {

    /** Text content, type inferred, no intelligence. */
    public static StampRequest ofText(String fileName, String namespace, String text) {
        return new StampRequest(text, null, fileName, namespace, null, false, null);
    }

    /** Bytes (a file's content), type inferred, no intelligence. */
    public static StampRequest ofBytes(String fileName, String namespace, byte[] bytes) {
        return new StampRequest(null, Base64.getEncoder().encodeToString(bytes), fileName, namespace, null, false, null);
    }

    /** This request asking (or not) for intelligence. */
    public StampRequest withIntelligence(boolean ask) {
        return new StampRequest(content, contentBase64, fileName, namespace, contentType, ask, correlationId);
    }

    /** This request with a correlation id (the idempotency key). */
    public StampRequest withCorrelationId(String id) {
        return new StampRequest(content, contentBase64, fileName, namespace, contentType, requestIntelligence, id);
    }

}
