package io.onex.runtime.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses CLI durations like {@code 500ms}, {@code 30s}, {@code 5m}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @param text the value given
     * @param option the option it was given to, for the error message
     * @return the duration
     * @throws CommandLine.ParameterException naming the option and the expected form
     */
    public static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(new CommandLine(new OnexCli()),
                    option + ": expected a duration like 500ms, 30s or 5m, but was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
