package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What became of one intelligence request.
 *
 * @param requestId the request's id, or null when none was sent
 * @param intelligenceStatus {@code not_requested}, {@code received}, {@code timed_out}, {@code failed}; for a consumed
 *     response, {@code matched} or {@code unmatched} (no request of this process was waiting for it)
 * @param intelligence the answer when received, else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntelligenceOutcome(String requestId, String intelligenceStatus, Map<String, Object> intelligence) {

    public static final String NOT_REQUESTED = "not_requested";
    public static final String RECEIVED = "received";
    public static final String TIMED_OUT = "timed_out";
    public static final String FAILED = "failed";
    static final String MATCHED = "matched";
    static final String UNMATCHED = "unmatched";
}
