package io.onex.runtime.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Where {@code onex tail} starts reading each partition. */
public sealed interface StartPosition {

    /** The oldest record still held. */
    record Beginning() implements StartPosition {
    }

    /** After the newest record: only what arrives from now on. */
    record End() implements StartPosition {
    }

    /** The first record at or after a time (the end when there is none). */
    record At(Instant time) implements StartPosition {
    }

    /** The last {@code count} records of each partition. */
    record Last(long count) implements StartPosition {
    }

    /**
     * Reads {@code beginning}, {@code end}, {@code -N} or an ISO-8601 time ({@code 2026-12-06T04:00:00Z}).
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static StartPosition parse(String text) {
        String t = text.trim();
        if (t.equals("beginning")) {
            return new Beginning();
        }
        if (t.equals("end")) {
            return new End();
        }
        if (t.matches("-\\d{1,18}")) {
            long n = Long.parseLong(t.substring(1));
            if (n == 0) {
                return new End();
            }
            return new Last(n);
        }
        try {
            return new At(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from: expected beginning, end, -N (the last N records of each"
                    + " partition) or an ISO-8601 time like 2026-12-06T04:00:00Z, but was '" + text + "'");
        }
    }
}
