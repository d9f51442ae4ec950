package io.onex.runtime.ops;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text from the wire made safe for a terminal: control and format characters (ANSI escapes, bidi overrides, NUL)
 * escaped as {@code \n}, {@code \t}, {@code \x1b}, {@code \u202e}; bytes that are not UTF-8 shown as {@code \xNN};
 * long text cut with a note of how much was left out. Never lets a record's bytes reach the terminal raw.
 */
public final class SafeText {

    private SafeText() {
    }

    /** A string with its control and format characters escaped, and backslashes doubled. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> appendEscaped(out, cp));
        return out.toString();
    }

    /** {@link #escape}, cut to {@code max} characters with {@code …(+N chars)} when longer. */
    public static String escape(String s, int max) {
        String e = escape(s);
        return e.length() <= max ? e : e.substring(0, max) + "…(+" + (e.length() - max) + " chars)";
    }

    /**
     * Bytes as escaped text: UTF-8 where they are UTF-8, {@code \xNN} where not; at most {@code maxBytes} of them are
     * shown, then {@code …(+N bytes)}.
     */
    public static String bytes(byte[] value, int maxBytes) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length, maxBytes);
        StringBuilder out = new StringBuilder();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < shown) {
            int len = sequenceLength(value[i]);
            if (len > 0 && i + len <= shown) {
                try {
                    CharBuffer chars = decoder.decode(ByteBuffer.wrap(value, i, len));
                    chars.toString().codePoints().forEach(cp -> appendEscaped(out, cp));
                    i += len;
                    continue;
                } catch (CharacterCodingException notUtf8) {
                    // fall through: shown as a byte
                }
            }
            out.append(String.format("\\x%02x", value[i] & 0xff));
            i++;
        }
        if (value.length > shown) {
            out.append("…(+").append(value.length - shown).append(" bytes)");
        }
        return out.toString();
    }

    private static int sequenceLength(byte b) {
        int u = b & 0xff;
        if (u < 0x80) {
            return 1;
        }
        if (u >= 0xc2 && u <= 0xdf) {
            return 2;
        }
        if (u >= 0xe0 && u <= 0xef) {
            return 3;
        }
        if (u >= 0xf0 && u <= 0xf4) {
            return 4;
        }
        return 0;
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                        || cp == 0x2028 || cp == 0x2029) {
                    out.append(cp <= 0xff ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
