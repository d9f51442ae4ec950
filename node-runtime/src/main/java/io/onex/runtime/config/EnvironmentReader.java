package io.onex.runtime.config;

import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_MECHANISM;
import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_PASSWORD;
import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_USERNAME;
import static io.onex.runtime.config.ConfigTable.KAFKA_SECURITY_PROTOCOL;
import static io.onex.runtime.config.ConfigTable.KAFKA_SSL_CA_LOCATION;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_PASSWORD;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_URL;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_USER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the whole {@link ConfigTable} from an environment: every value parsed and validated, then the rules
 * between settings, every problem collected; and variables that look like misspellings of ours, as warnings.
 */
final class EnvironmentReader {

    private static final List<String> SASL_SETTINGS = List.of(KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD);
    /** A variable this close to one of ours (insertions, deletions, substitutions, transpositions) is a typo. */
    private static final int TYPO_DISTANCE = 2;

    private final Map<String, String> environment;
    private final Map<String, Object> values = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    EnvironmentReader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The parsed values (absent = unset without default); throws with every problem. */
    Map<String, Object> read() {
        for (Setting s : ConfigTable.settings()) {
            String text = given(s.name());
            if (text == null) {
                if (s.defaultValue() != null) {
                    values.put(s.name(), s.defaultValue());
                }
                continue;
            }
            try {
                values.put(s.name(), s.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(invalid(s.name(), e.getMessage()));
            }
        }
        checkSasl();
        checkSsl();
        checkDatabase();
        checkLag();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return values;
    }

    /** Variables within {@value #TYPO_DISTANCE} edits of a setting's name, sorted. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (ConfigTable.setting(variable).isPresent()) {
                continue;
            }
            for (Setting s : ConfigTable.settings()) {
                if (distance(variable.toUpperCase(Locale.ROOT), s.name()) <= TYPO_DISTANCE) {
                    warnings.add("Unknown environment variable " + variable + " is ignored; did you mean "
                            + s.name() + "?");
                    break;
                }
            }
        }
        return warnings;
    }

    private void checkSasl() {
        String protocol = (String) values.get(KAFKA_SECURITY_PROTOCOL);
        if (protocol == null) {
            return;
        }
        if (protocol.startsWith("SASL_")) {
            List<String> missing = SASL_SETTINGS.stream().filter(n -> given(n) == null).toList();
            if (!missing.isEmpty()) {
                problems.add(invalid(KAFKA_SECURITY_PROTOCOL, "SASL needs " + KAFKA_SASL_MECHANISM + ", "
                        + KAFKA_SASL_USERNAME + " and " + KAFKA_SASL_PASSWORD + ", but "
                        + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not set"));
            }
            return;
        }
        for (String name : SASL_SETTINGS) {
            if (given(name) != null) {
                problems.add(invalid(name, "used only when " + KAFKA_SECURITY_PROTOCOL
                        + " is SASL_PLAINTEXT or SASL_SSL, but it is " + protocol));
            }
        }
    }

    private void checkSsl() {
        String protocol = (String) values.get(KAFKA_SECURITY_PROTOCOL);
        if (protocol != null && given(KAFKA_SSL_CA_LOCATION) != null && !protocol.endsWith("SSL")) {
            problems.add(invalid(KAFKA_SSL_CA_LOCATION, "used only when " + KAFKA_SECURITY_PROTOCOL
                    + " is SSL or SASL_SSL, but it is " + protocol));
        }
    }

    private void checkDatabase() {
        if (given(ONEX_DATABASE_URL) != null) {
            return;
        }
        for (String name : List.of(ONEX_DATABASE_USER, ONEX_DATABASE_PASSWORD)) {
            if (given(name) != null) {
                problems.add(invalid(name, "needs " + ONEX_DATABASE_URL + ", which is not set"));
            }
        }
    }

    private void checkLag() {
        Integer warning = (Integer) values.get(ConfigTable.ONEX_LAG_WARNING);
        Integer critical = (Integer) values.get(ConfigTable.ONEX_LAG_CRITICAL);
        if (warning != null && critical != null && critical < warning) {
            String name = given(ConfigTable.ONEX_LAG_CRITICAL) != null ? ConfigTable.ONEX_LAG_CRITICAL
                    : ConfigTable.ONEX_LAG_WARNING;
            problems.add(invalid(name, ConfigTable.ONEX_LAG_CRITICAL + " (" + critical + ") must be greater than or "
                    + "equal to " + ConfigTable.ONEX_LAG_WARNING + " (" + warning + ")"));
        }
    }

    /** The variable's text, or null when unset or blank. */
    private String given(String name) {
        String text = environment.get(name);
        return text == null || text.isBlank() ? null : text;
    }

    private String invalid(String name, String why) {
        Setting s = ConfigTable.setting(name).orElseThrow();
        return "Invalid value " + s.shown(given(name).trim()) + " for configuration " + name + ": " + why;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > TYPO_DISTANCE) {
            return TYPO_DISTANCE + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
