package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The limits of decoding, and the regressions the properties in {@link EnvelopeCodecPropertiesTest} found. */
class EnvelopeCodecLimitsTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private static byte[] envelope(String timestamp) {
        return ("{\"event_id\":\"e\",\"event_type\":\"T\",\"correlation_id\":\"c\",\"timestamp\":" + timestamp + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordOverTheDefaultLimitOfOneMebibyteIsRefusedUnread() {
        byte[] big = new byte[EnvelopeCodec.DEFAULT_MAX_RECORD_BYTES + 1];
        Arrays.fill(big, (byte) ' ');

        assertThatThrownBy(() -> codec.decode(big)).isInstanceOf(InvalidInputException.class)
                .hasMessage("record value is 1048577 bytes, over the limit of 1048576 bytes: expected an ONEX "
                        + "envelope of at most 1048576 bytes");
    }

    @Test
    void aRecordOfExactlyTheLimitIsRead() {
        byte[] valid = envelope("1");
        EnvelopeCodec small = new EnvelopeCodec(EnvelopeCodec.defaultMapper(), valid.length);

        assertThat(small.decode(valid).timestamp()).isEqualTo(Instant.ofEpochSecond(1));
        assertThatThrownBy(() -> new EnvelopeCodec(EnvelopeCodec.defaultMapper(), valid.length - 1).decode(valid))
                .hasMessage("record value is " + valid.length + " bytes, over the limit of " + (valid.length - 1)
                        + " bytes: expected an ONEX envelope of at most " + (valid.length - 1) + " bytes");
    }

    @Test
    void aLimitBelowOneByteIsRejected() {
        assertThatThrownBy(() -> new EnvelopeCodec(EnvelopeCodec.defaultMapper(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordBytes must be greater than 0, but was 0");
    }

    @Test
    void aTimestampWithAHugeExponentIsRefusedAtOnceInsteadOfComputingTenToTheBillion() {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () ->
                assertThatThrownBy(() -> codec.decode(envelope("1e999999999")))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessage("envelope field 'timestamp' is 1E+999999999: expected epoch seconds within the "
                                + "years -1000000000 to 1000000000"));
    }

    @Test
    void aTimestampWithATinyExponentIsTheEpochAtOnce() {
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1), () -> codec.decode(envelope("1e-999999999"))
                .timestamp())).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aTimestampBeyondTheRangeOfTimeIsAnInvalidInputNotADateTimeException() {
        assertThatThrownBy(() -> codec.decode(envelope("9223372036854775807")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("envelope field 'timestamp' is 9223372036854775807: expected epoch seconds within the "
                        + "years -1000000000 to 1000000000");
        assertThatThrownBy(() -> codec.decode(envelope("1.5e18")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("envelope field 'timestamp' is 1.5E+18: expected epoch seconds within the "
                        + "years -1000000000 to 1000000000");
    }

    @Test
    void aTimestampStringIsQuotedShortAndWithItsControlCharactersEscaped() {
        String hostile = "\\u001b[31m" + "x".repeat(5000);

        assertThatThrownBy(() -> codec.decode(envelope("\"" + hostile + "\"")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("envelope field 'timestamp' is '\\u001b[31m" + "x".repeat(47) + "...': expected epoch "
                        + "seconds or an ISO-8601 string");
    }

    @Test
    void invalidJsonIsReportedOnOnePrintableLine() {
        byte[] bytes = "{\"event_id\": e\u0001\u2028x}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("record value is not valid JSON: Unrecognized token 'e\\u0001': was expecting (JSON "
                        + "String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
}
