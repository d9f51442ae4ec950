package io.onex.runtime.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of the {@link ConfigTable}: an environment variable, its type, default, allowed values and doc.
 *
 * @param name the environment variable, e.g. {@code KAFKA_MAX_POLL_RECORDS}
 * @param type how the text is parsed
 * @param defaultValue the parsed default, or null when the setting has none
 * @param defaultText the default as shown in the table and help, e.g. {@code 500}, {@code (none: start the embedded
 *     broker)}
 * @param validator the check of the parsed value
 * @param doc what the setting does
 * @param secret whether the value is never shown (messages, {@code toString()}, logs)
 */
public record Setting(String name, Type type, Object defaultValue, String defaultText, SettingValidator validator,
        String doc, boolean secret) {

    /** How a setting's text is parsed. */
    public enum Type {
        /** Any text. */
        STRING,
        /** A 32-bit integer. */
        INT,
        /** {@code true|false} (also {@code yes|no|on|off|1|0}, as the Python services accept). */
        BOOLEAN;

        /** Lower-case name for the table. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        validator = validator == null ? SettingValidator.any() : validator;
        doc = doc == null ? "" : doc;
    }

    /**
     * Parses and validates a value.
     *
     * @param text the variable's text, not blank
     * @return the value: {@code String}, {@code Integer}, {@code Boolean}, or a {@link Secret} for secret settings
     * @throws IllegalArgumentException with what was expected ({@code must be between 1 and 10000})
     */
    public Object parse(String text) {
        String t = text.trim();
        Object value = switch (type) {
            case STRING -> t;
            case INT -> parseInt(t);
            case BOOLEAN -> parseBoolean(t);
        };
        String problem = validator.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return secret ? Secret.of(t) : value;
    }

    /** The value as shown in messages: {@code [hidden]} for secrets. */
    public String shown(String text) {
        return secret ? "[hidden]" : text;
    }

    private Integer parseInt(String t) {
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            String range = validator.describe();
            throw new IllegalArgumentException("must be an integer" + (range.isEmpty() ? ""
                    : " between " + range.replace("..", " and ")), e);
        }
    }

    private static Boolean parseBoolean(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return Boolean.TRUE;
            case "false", "no", "off", "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("must be true or false");
        }
    }
}
