package io.onex.runtime.envelope;

import io.onex.api.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The envelope's {@code timestamp}: written as epoch seconds with a microsecond-or-coarser fraction, read from either
 * that or an ISO-8601 string (without an offset: UTC). Epoch seconds out of {@link Instant}'s range are refused before
 * any arithmetic on them, so a few bytes of JSON such as {@code 1e999999999} cannot cost hours.
 */
final class EnvelopeTimestamp {

    /** Epoch seconds beyond 10^19 are no time {@link Instant} holds; checked before any arithmetic on them. */
    private static final int MAX_SECONDS_EXPONENT = 18;

    private EnvelopeTimestamp() {
    }

    /** {@link #epochSeconds} as JSON number text, built without BigDecimal arithmetic for times after 1970. */
    static String epochSecondsText(Instant t) {
        long secs = t.getEpochSecond();
        if (secs < 0) {
            return epochSeconds(t).toString();
        }
        int micros = t.getNano() / 1000;
        if (micros == 0) {
            return Long.toString(secs);
        }
        char[] fraction = new char[6];
        int len = 0;
        for (int div = 100_000, rest = micros; div > 0 && rest > 0; div /= 10) {
            fraction[len++] = (char) ('0' + rest / div);
            rest %= div;
        }
        return secs + "." + new String(fraction, 0, len);
    }

    static BigDecimal epochSeconds(Instant t) {
        // micro precision is what Python's time.time() round-trips; more is noise on the wire
        BigDecimal secs = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6)).stripTrailingZeros();
        // stripTrailingZeros turns 1701446480 into 1.70144648E+9: valid JSON, but not what Python writes
        return secs.scale() < 0 ? secs.setScale(0) : secs;
    }

    /** The field's value read into a plain Java value (null when absent), as an instant. */
    static Instant read(Object v) {
        if (v == null) {
            throw new InvalidInputException("envelope field 'timestamp' is missing: expected epoch seconds or an ISO-8601 string");
        }
        if (v instanceof Number n) {
            try {
                return epochSecondsToInstant(n);
            } catch (DateTimeException | ArithmeticException e) {
                throw new InvalidInputException("envelope field 'timestamp' is "
                        + PrintableText.quoted(n.toString()) + ": expected epoch seconds within the years -1000000000 to 1000000000");
            }
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    // Python's datetime.isoformat() without an offset: read as UTC
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    throw new InvalidInputException("envelope field 'timestamp' is '" + PrintableText.quoted(s)
                            + "': expected epoch seconds or an ISO-8601 string");
                }
            }
        }
        throw new InvalidInputException("envelope field 'timestamp' is " + EnvelopeFields.kind(v)
                + ": expected epoch seconds or an ISO-8601 string");
    }

    private static Instant epochSecondsToInstant(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return Instant.ofEpochSecond(n.longValue());
        }
        BigDecimal secs = n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        // the exponent first: 1e999999999 or 1e-999999999 are a few bytes of JSON, but turning them into a long
        // computes 10^999999999, which takes hours
        int exponent = secs.precision() - secs.scale() - 1;
        if (exponent > MAX_SECONDS_EXPONENT) {
            throw new ArithmeticException("out of range");
        }
        if (exponent < -10) {
            return Instant.EPOCH;
        }
        long whole = secs.longValue();
        long nanos = secs.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
