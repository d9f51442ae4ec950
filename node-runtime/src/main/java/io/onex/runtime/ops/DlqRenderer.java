package io.onex.runtime.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code onex dlq list} and {@code onex dlq show} print: tables, or JSON (list: one array; show: one object a
 * line). Every text that came off the wire is escaped ({@link SafeText}); payloads arrive with secrets masked.
 */
public final class DlqRenderer {

    private static final int DETAIL_CHARS = 160;

    private final ObjectMapper mapper;

    public DlqRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code DLQ-TOPIC ORIGINAL-TOPIC ERROR-TYPE COUNT OLDEST NEWEST}, ages as {@code 3d04h}, {@code 12m05s}. */
    public String listTable(List<DlqSummary> rows) {
        TextTable t = new TextTable("DLQ-TOPIC", "ORIGINAL-TOPIC", "ERROR-TYPE", "COUNT", "OLDEST", "NEWEST");
        for (DlqSummary s : rows) {
            t.row(SafeText.escape(s.dlqTopic()), SafeText.escape(s.originalTopic()), SafeText.escape(s.errorType()),
                    s.count(), age(s.oldestAge()), age(s.newestAge()));
        }
        return t.render("");
    }

    /** The rows as one JSON array; ages in whole seconds. */
    public String listJson(List<DlqSummary> rows) {
        return write(rows.stream().map(s -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("dlq_topic", s.dlqTopic());
            o.put("original_topic", s.originalTopic());
            o.put("error_type", s.errorType());
            o.put("count", s.count());
            o.put("oldest", iso(s.oldest()));
            o.put("newest", iso(s.newest()));
            o.put("oldest_age_seconds", s.oldestAge().toSeconds());
            o.put("newest_age_seconds", s.newestAge().toSeconds());
            return o;
        }).toList());
    }

    /** {@code RECORD TIME ERROR ORIGIN EVENT-TYPE EVENT-ID REPLAYS DETAIL}: the message, then payload or raw bytes. */
    public String showTable(List<DeadLetterView> letters) {
        TextTable t = new TextTable("RECORD", "TIME", "ERROR", "ORIGIN", "EVENT-TYPE", "EVENT-ID", "REPLAYS",
                "DETAIL");
        for (DeadLetterView v : letters) {
            String origin = v.originalTopic() + v.originalPartition().map(p -> "[" + p + "]").orElse("")
                    + v.originalOffset().map(o -> "@" + o).orElse("");
            String detail = v.errorMessage() + " | " + v.raw().map(r -> "raw " + r).orElseGet(() -> json(v.payload()));
            t.row(SafeText.escape(v.position()), iso(v.recordTime()), SafeText.escape(v.errorType()),
                    SafeText.escape(origin), SafeText.escape(v.eventType().orElse("-")),
                    SafeText.escape(v.eventId().orElse("-")), v.replayCount(), SafeText.escape(detail, DETAIL_CHARS));
        }
        return t.render("");
    }

    /** One letter as one line of JSON: the {@code --where} variables' names, with the record time. */
    public String showJson(DeadLetterView v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("topic", v.topic());
        o.put("partition", v.partition());
        o.put("offset", v.offset());
        o.put("record_time", iso(v.recordTime()));
        o.put("key", v.key());
        o.put("error", Map.of("type", v.errorType(), "message", v.errorMessage()));
        o.put("original_topic", v.originalTopic());
        o.put("original_partition", v.originalPartition().orElse(null));
        o.put("original_offset", v.originalOffset().orElse(null));
        o.put("attempts", v.attempts());
        o.put("node_id", v.nodeId().orElse(null));
        o.put("replay_count", v.replayCount());
        o.put("event_id", v.eventId().orElse(null));
        o.put("event_type", v.eventType().orElse(null));
        o.put("correlation_id", v.correlationId().orElse(null));
        o.put("source", v.source().isEmpty() ? null : v.source());
        o.put("payload", v.payload());
        v.raw().ifPresent(r -> o.put("raw", r));
        return write(o);
    }

    /** {@code 45s}, {@code 12m05s}, {@code 3h02m}, {@code 4d07h}. */
    static String age(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    private String json(Object o) {
        return write(o);
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
