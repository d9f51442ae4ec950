package io.onex.runtime.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the parsed value of one {@link Setting}, like kafka-clients' {@code ConfigDef.Validator}.
 */
public interface SettingValidator {

    /**
     * @param value the parsed value (never null)
     * @return null when valid, else what was expected, e.g. {@code must be between 1 and 10000}
     */
    String problem(Object value);

    /** The allowed values for the configuration table, e.g. {@code 1..10000} or {@code earliest, latest}. */
    String describe();

    /** Accepts everything. */
    static SettingValidator any() {
        return new SettingValidator() {
            @Override
            public String problem(Object value) {
                return null;
            }

            @Override
            public String describe() {
                return "";
            }
        };
    }

    /** An integer in {@code [min, max]}. */
    static SettingValidator between(int min, int max) {
        return new SettingValidator() {
            @Override
            public String problem(Object value) {
                int v = (Integer) value;
                return v < min || v > max ? "must be between " + min + " and " + max : null;
            }

            @Override
            public String describe() {
                return min + ".." + max;
            }
        };
    }

    /** One of the given words, case-sensitive. */
    static SettingValidator oneOf(String... allowed) {
        List<String> words = List.of(allowed);
        return new SettingValidator() {
            @Override
            public String problem(Object value) {
                return words.contains(value) ? null : "must be one of " + String.join(", ", words);
            }

            @Override
            public String describe() {
                return String.join(", ", words);
            }
        };
    }

    /**
     * Text matching a regular expression.
     *
     * @param regex the whole value must match it
     * @param form how the form is described in the table and in messages, e.g. {@code [a-z0-9_]+}
     */
    static SettingValidator matching(String regex, String form) {
        Pattern pattern = Pattern.compile(regex);
        return new SettingValidator() {
            @Override
            public String problem(Object value) {
                return pattern.matcher(value.toString()).matches() ? null : "must match " + form;
            }

            @Override
            public String describe() {
                return form;
            }
        };
    }

    /** A path to a regular, readable file. */
    static SettingValidator readableFile() {
        return new SettingValidator() {
            @Override
            public String problem(Object value) {
                try {
                    Path p = Path.of(value.toString());
                    return Files.isRegularFile(p) && Files.isReadable(p) ? null
                            : "must be a readable file, but no such file can be read";
                } catch (InvalidPathException e) {
                    return "must be a readable file, but is no valid path";
                }
            }

            @Override
            public String describe() {
                return "path of a readable file";
            }
        };
    }
}
