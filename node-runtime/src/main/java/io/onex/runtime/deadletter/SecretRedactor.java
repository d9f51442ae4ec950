package io.onex.runtime.deadletter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process (dead-letter records, logs): values after {@code password},
 * {@code passwd}, {@code secret}, {@code token}, {@code api_key}/{@code apikey}, the whole of a
 * {@code sasl.jaas.config} value, {@code Authorization} header values (Bearer and Basic), and the password of
 * {@code user:pass@} in URLs. Thread-safe.
 *
 * <pre>{@code
 * SecretRedactor.redact("connect failed: password=hunter2")   // "connect failed: password=***"
 * }</pre>
 */
public final class SecretRedactor {

    /** What a masked value is replaced with. */
    public static final String MASK = "***";

    private static final List<Pattern> PATTERNS = List.of(
            // the JAAS line holds username and password with spaces and quotes: mask the whole value, up to ';'
            Pattern.compile("(?i)(sasl\\.jaas\\.config[\"']?\\s*[=:]\\s*)([^;\\r\\n]+;?)"),
            Pattern.compile("(?i)(authorization[\"']?\\s*[=:]\\s*[\"']?(?:bearer|basic)\\s+)([^\\s\"',;]+)"),
            Pattern.compile("(?i)(bearer\\s+)([A-Za-z0-9\\-._~+/]+=*)"),
            Pattern.compile("(?i)((?:password|passwd|secret|token|api[_-]?key)[\"']?\\s*[=:]\\s*[\"']?)([^\\s\"',;&}]+)"),
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/\\s@]+:)([^@\\s/]+)(@)"));

    private SecretRedactor() {
    }

    /**
     * Masks every secret in the text.
     *
     * @param text any text, may be null
     * @return the text with secret values replaced by {@link #MASK}; null for null
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(out);
            StringBuilder sb = new StringBuilder(out.length());
            boolean found = false;
            while (m.find()) {
                found = true;
                String tail = m.groupCount() >= 3 ? m.group(3) : "";
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK + tail));
            }
            if (found) {
                m.appendTail(sb);
                out = sb.toString();
            }
        }
        return out;
    }

    /**
     * Redacts, then cuts the text to at most {@code maxChars} characters (ending in {@code ...} when cut).
     *
     * @param text any text, may be null
     * @param maxChars the limit, at least 3
     * @return the redacted, bounded text; empty for null
     */
    public static String redactAndTruncate(String text, int maxChars) {
        String r = redact(text);
        if (r == null) {
            return "";
        }
        return r.length() <= maxChars ? r : r.substring(0, maxChars - 3) + "...";
    }
}
