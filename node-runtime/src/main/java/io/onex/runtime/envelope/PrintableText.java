package io.onex.runtime.envelope;

/**
 * Input quoted in a decoding error: such a message becomes a dead letter's error and may be shown to people, so a
 * hostile record must not flood logs and dead letters or break a line with what it quotes.
 */
final class PrintableText {

    /** How much of a field's value a message quotes. */
    static final int QUOTED_CHARS = 60;

    private PrintableText() {
    }

    /**
     * Text fit for one line of a message: control and line-separator characters escaped (backslash, u, four hex
     * digits), cut to {@code max} characters (with "...") so that a hostile record cannot flood logs and dead letters.
     */
    static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int read = 0;
        for (; read < s.length() && out.length() <= max; read++) {
            char c = s.charAt(read);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (read == s.length() && out.length() <= max) {
            return out.toString();
        }
        int keep = max - 3;
        if (Character.isHighSurrogate(out.charAt(keep - 1))) {
            keep--;
        }
        out.setLength(keep);
        return out.append("...").toString();
    }

    /** A value quoted in a message: {@link #printable} cut to {@link #QUOTED_CHARS}. */
    static String quoted(String s) {
        return printable(s, QUOTED_CHARS);
    }

    /** The first line of a (parser's) message. */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
