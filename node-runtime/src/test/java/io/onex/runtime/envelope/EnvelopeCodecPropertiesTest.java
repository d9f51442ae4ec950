package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile bytes on the consume path: whatever a topic holds, decoding returns an envelope or throws
 * {@link InvalidInputException} with a short, printable message (which becomes the dead letter's error), never
 * another exception, a stack trace or a hang. Seeds are fixed so CI runs the same samples every time.
 */
class EnvelopeCodecPropertiesTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final byte[] VALID = CODEC.encode(new EventEnvelope("e-1", "QUALITY_ASSESSED", "c-1", "e-0",
            Instant.ofEpochSecond(1701446400, 123_000_000), "1.0.0", new EventSource("svc", "effect", "n-1"),
            Map.of("environment", "dev"), Map.of("score", 0.5, "tags", List.of("a", "b")), Map.of()));

    /** Values that have broken JSON decoders: huge exponents, out-of-range times, control characters, nesting. */
    private static final List<String> HOSTILE_VALUES = List.of("1e999999999", "-1e999999999", "1e-999999999",
            "9223372036854775808", "-9223372036854775809", "31556889864403200", "1E+300", "1.5e19",
            "\"+999999999-12-31T23:59:59Z\"", "\"2026-13-45T99:00\"", "\"\\u0000\\u001b[31m\"", "\"\\n\\tat x.Y\"",
            "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":{}}}}", "null", "true", "[]", "{}",
            "\"" + "x".repeat(5000) + "\"", "0.0000000001", "-0", "NaN", "Infinity");

    @Property(tries = 300, seed = "19")
    void arbitraryBytesDecodeOrFailWithAShortPlainMessage(@ForAll @Size(max = 300) byte[] bytes) {
        assertDecodesOrFailsPlainly(bytes);
    }

    @Property(tries = 300, seed = "19")
    void mutatedEnvelopesDecodeOrFailWithAShortPlainMessage(@ForAll("mutatedEnvelopes") byte[] bytes) {
        assertDecodesOrFailsPlainly(bytes);
    }

    @Property(tries = 300, seed = "19")
    void envelopesWithHostileFieldValuesDecodeOrFailWithAShortPlainMessage(@ForAll("hostileFields") String json) {
        assertDecodesOrFailsPlainly(json.getBytes(StandardCharsets.UTF_8));
    }

    static void assertDecodesOrFailsPlainly(byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                assertThat(CODEC.decode(bytes)).isNotNull();
            } catch (InvalidInputException e) {
                assertPlainMessage(e.getMessage());
            }
        });
    }

    /** What a user (or a dead letter's reader) may be shown: one short printable line, no Java internals. */
    static void assertPlainMessage(String message) {
        assertThat(message).isNotBlank().hasSizeLessThanOrEqualTo(EnvelopeCodec.MAX_MESSAGE_CHARS);
        assertThat(message.chars()).as(message).noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
        assertThat(message).doesNotContain("\tat ", "Exception:", "java.", "com.fasterxml", "StreamReadConstraints");
    }

    @Provide
    Arbitrary<byte[]> mutatedEnvelopes() {
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, VALID.length - 1), Arbitraries.bytes())
                        .as((at, b) -> (Mutation) in -> replace(in, at, new byte[] {b})),
                Combinators.combine(Arbitraries.integers().between(0, VALID.length - 1),
                                Arbitraries.integers().between(1, 20))
                        .as((at, n) -> (Mutation) in -> delete(in, at, n)),
                Combinators.combine(Arbitraries.integers().between(0, VALID.length - 1),
                                Arbitraries.of(HOSTILE_VALUES))
                        .as((at, v) -> (Mutation) in -> insert(in, at, v.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.integers().between(0, VALID.length - 1).map(n -> (Mutation) in -> delete(in, n, in.length)));
        return one.list().ofMinSize(1).ofMaxSize(4).map(ms -> {
            byte[] out = VALID.clone();
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    @Provide
    Arbitrary<String> hostileFields() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(HOSTILE_VALUES),
                Arbitraries.bigDecimals().map(d -> d.toString()),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(40).map(s -> CODEC.mapper().valueToTree(s).toString()));
        Arbitrary<String> field = Arbitraries.of("event_id", "event_type", "correlation_id", "causation_id",
                "timestamp", "version", "source", "metadata", "payload", "extra");
        return Combinators.combine(field, value).as((f, v) -> {
            String valid = new String(VALID, StandardCharsets.UTF_8);
            String replaced = valid.replaceFirst("\"" + f + "\":(\"[^\"]*\"|[0-9.]+|\\{[^}]*\\}|null)",
                    java.util.regex.Matcher.quoteReplacement("\"" + f + "\":" + v));
            return replaced.equals(valid) ? valid.substring(0, valid.length() - 1) + ",\"" + f + "\":" + v + "}"
                    : replaced;
        });
    }

    private interface Mutation {
        byte[] apply(byte[] in);
    }

    private static byte[] replace(byte[] in, int at, byte[] with) {
        if (at >= in.length) {
            return in;
        }
        byte[] out = in.clone();
        System.arraycopy(with, 0, out, at, Math.min(with.length, in.length - at));
        return out;
    }

    private static byte[] delete(byte[] in, int at, int n) {
        int from = Math.min(at, in.length);
        int to = Math.min(in.length, from + n);
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (i < from || i >= to) {
                out.add(in[i]);
            }
        }
        byte[] b = new byte[out.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = out.get(i);
        }
        return b;
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        int pos = Math.min(at, in.length);
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, pos);
        System.arraycopy(what, 0, out, pos, what.length);
        System.arraycopy(in, pos, out, pos + what.length, in.length - pos);
        return out;
    }
}
