package io.onex.runtime.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code onex tail} prints records: as a table (every cell escaped, the payload summarised) or as one JSON
 * object per line (JSON escapes control characters itself).
 */
public final class TailRenderer {

    /** Characters of the payload summary in the table. */
    static final int SUMMARY_CHARS = 80;

    private static final String[] HEADERS = {"RECORD", "TIME", "KIND", "EVENT-TYPE", "CORRELATION-ID", "KEY",
            "DETAIL"};

    private final ObjectMapper mapper;

    public TailRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Records as a table with aligned columns and a header. */
    public String table(List<RecordView> records) {
        TextTable t = new TextTable(HEADERS);
        records.forEach(r -> t.row((Object[]) cells(r)));
        return t.render("");
    }

    /** The table's header, for streaming ({@code --follow}), where columns cannot be aligned ahead. */
    public String header() {
        return String.join("  ", HEADERS);
    }

    /** One record as a table line, unaligned (for streaming). */
    public String line(RecordView r) {
        return String.join("  ", cells(r)).stripTrailing();
    }

    private String[] cells(RecordView r) {
        return new String[] {
            SafeText.escape(r.topic()) + "[" + r.partition() + "]@" + r.offset(),
            DateTimeFormatter.ISO_INSTANT.format(r.recordTime()),
            r.kind().word(),
            r.eventType().map(SafeText::escape).orElse("-"),
            r.correlationId().map(SafeText::escape).orElse("-"),
            r.key() == null ? "-" : SafeText.escape(r.key(), 40),
            detail(r)
        };
    }

    private String detail(RecordView r) {
        return switch (r.kind()) {
            case ENVELOPE -> summary(r.payload());
            case DEAD_LETTER -> "error " + SafeText.escape(r.error().orElse("?"), 160) + "  from "
                    + SafeText.escape(r.deadLetterOrigin().orElse("?"))
                    + (r.payload().isEmpty() ? r.raw().map(raw -> "  value " + raw).orElse("")
                            : "  payload " + summary(r.payload()));
            case UNDECODABLE -> SafeText.escape(r.problem().orElse("?"), 100) + "  value " + r.raw().orElse("");
        };
    }

    /** The payload as compact JSON, escaped and cut. */
    String summary(Map<String, Object> payload) {
        try {
            return SafeText.escape(mapper.writeValueAsString(payload), SUMMARY_CHARS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot summarise a payload", e);
        }
    }

    /** One record as one line of JSON. */
    public String json(RecordView r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("topic", r.topic());
        o.put("partition", r.partition());
        o.put("offset", r.offset());
        o.put("record_time", iso(r.recordTime()));
        o.put("kind", r.kind().word());
        o.put("key", r.key());
        r.eventType().ifPresent(v -> o.put("event_type", v));
        r.eventTime().ifPresent(v -> o.put("event_time", iso(v)));
        r.correlationId().ifPresent(v -> o.put("correlation_id", v));
        if (r.kind() != RecordView.Kind.UNDECODABLE) {
            o.put("payload", r.payload());
        }
        r.error().ifPresent(v -> o.put("error", v));
        r.deadLetterOrigin().ifPresent(v -> o.put("dead_letter_origin", v));
        r.problem().ifPresent(v -> o.put("problem", v));
        r.raw().ifPresent(v -> o.put("raw", v));
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a record as JSON", e);
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
