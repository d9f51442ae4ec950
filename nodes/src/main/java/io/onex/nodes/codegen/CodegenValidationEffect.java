package io.onex.nodes.codegen;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The codegen family's validate handler, in Java: consumes a validate request (the services' envelope, as
 * {@code json.dumps} writes it, on {@code omninode_codegen_request_validate_v1}), runs this project's contract or
 * workflow validation on the YAML in it, and publishes the located problems on the response topic (the contract's
 * first published topic, {@code omninode_codegen_response_validate_v1}) under the request's correlation id.
 *
 * <p>Request payload: {@code yaml} (the document, required), {@code file_name} (how problems name it; default
 * {@code request.yaml}), {@code kind} ({@code contract} or {@code workflow}; default: a workflow when it has a
 * top-level {@code steps:}). Response payload ({@value #RESPONSE_TYPE}): {@code request_event_id}, {@code file_name},
 * {@code kind}, {@code valid}, {@code error_count}, {@code warning_count}, {@code problems} (each {@code severity},
 * {@code line}, {@code column}, {@code field}, {@code message}, {@code text}; at most 100). A request without usable
 * {@code yaml} is answered too, invalid, with the problem at {@code payload.yaml}: the requester always hears back.
 */
public final class CodegenValidationEffect implements EffectNode<EventEnvelope, Map<String, Object>> {

    /** The event type of a response. */
    public static final String RESPONSE_TYPE = "CODEGEN_VALIDATION_RESPONSE";
    private static final List<String> KINDS = List.of("contract", "workflow");

    private final YamlValidation validation = new YamlValidation();

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<Map<String, Object>> executeEffect(EventEnvelope request, NodeContext context) {
        Map<String, Object> payload = request.payload() == null ? Map.of() : request.payload();
        String fileName = text(payload.get("file_name"), "request.yaml");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_event_id", request.eventId());
        response.put("file_name", fileName);
        Object yaml = payload.get("yaml");
        Object kind = payload.get("kind");
        if (!(yaml instanceof String text) || text.isBlank()) {
            refuse(response, "payload.yaml", "expected the YAML document to validate as a non-empty string, but was "
                    + (yaml == null ? "missing" : yaml instanceof String ? "empty" : "a " + jsonKind(yaml)));
        } else if (kind != null && !KINDS.contains(kind)) {
            refuse(response, "payload.kind", "expected contract or workflow (or no kind), but was '"
                    + (kind instanceof String s ? s : jsonKind(kind)) + "'");
        } else {
            YamlValidation.Outcome o = validation.validate(text, fileName, (String) kind);
            response.put("kind", o.kind());
            response.put("valid", o.valid());
            response.put("error_count", o.errors().size());
            response.put("warning_count", o.warnings().size());
            response.put("problems", YamlValidation.entries(o));
        }
        String topic = context.contract().topics().publish().get(0);
        CompletionStage<DeliveryReceipt> sent = context.publisher().publish(OutboundEvent.builder(topic, RESPONSE_TYPE)
                .payload(response).correlationId(request.correlationId()).causationId(request.eventId())
                .partitionKey(request.correlationId()).build());
        return sent.thenApply(receipt -> response);
    }

    private static void refuse(Map<String, Object> response, String field, String message) {
        response.put("kind", "unknown");
        response.put("valid", false);
        response.put("error_count", 1);
        response.put("warning_count", 0);
        response.put("problems", List.of(Map.of("severity", "error", "line", 0, "column", 0, "field", field,
                "message", message, "text", field + ": " + message)));
    }

    private static String text(Object value, String otherwise) {
        return value instanceof String s && !s.isBlank() ? s : otherwise;
    }

    private static String jsonKind(Object value) {
        return value instanceof Map ? "mapping" : value instanceof List ? "list" : value instanceof Number ? "number"
                : value instanceof Boolean ? "boolean" : "value";
    }
}
