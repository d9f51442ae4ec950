package io.onex.nodes.dbadapter;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter's settings: the database URL, user and password from the runtime's configuration
 * ({@code ONEX_DATABASE_URL}, {@code ONEX_DATABASE_USER}, {@code ONEX_DATABASE_PASSWORD}); pool size, connection
 * timeout, schema and embedded file from the contract's {@code config:}; batch size and linger from its
 * {@code consumer:}. Unknown config keys are rejected; every problem is reported together.
 *
 * @param database where to write
 * @param batchSize writes per transaction
 * @param batchLinger longest wait for a batch to fill
 * @param temporaryEmbeddedFile whether the embedded database lives in a temp file of this node's own (no
 *     {@code embedded_file} set), deleted when the node stops
 */
record DatabaseAdapterConfig(DatabaseSettings database, int batchSize, Duration batchLinger,
        boolean temporaryEmbeddedFile) {

    static final Set<String> KEYS = Set.of("pool_size", "connection_timeout", "schema", "embedded_file");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    static DatabaseAdapterConfig from(NodeContract contract, RuntimeConfig runtime, String nodeId) {
        Map<String, Object> c = contract.config();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(c.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("config." + key + ": unknown key, expected one of " + new TreeSet<>(KEYS));
            }
        }
        int poolSize = integer(c, "pool_size", 2, 1, 64, problems);
        Duration timeout = duration(c, "connection_timeout", Duration.ofSeconds(5), problems);
        String schema = text(c, "schema");
        if (!schema.isEmpty() && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            problems.add("config.schema: expected [a-z_][a-z0-9_]{0,62}, but was '" + schema + "'");
        }
        String file = text(c, "embedded_file");
        Path embedded = file.isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"), "onex-bridge-" + nodeId + ".db") : Path.of(file);
        Optional<String> url = runtime.databaseUrl();
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:") && !url.get().startsWith("jdbc:sqlite:")) {
            problems.add("ONEX_DATABASE_URL: expected jdbc:postgresql:... or jdbc:sqlite:..., but was '"
                    + url.get().replaceAll("^(jdbc:[A-Za-z0-9]+:).*", "$1") + "...'");
        }
        if (!problems.isEmpty()) {
            String where = contract.source().map(p -> p + ": ").orElse("contract " + contract.name() + ": ");
            throw new IllegalArgumentException(problems.size() == 1 ? where + problems.get(0)
                    : problems.size() + " errors in " + where + String.join("; ", problems));
        }
        ConsumerSpec consumer = contract.consumer().orElse(null);
        int batchSize = consumer == null ? 500 : consumer.batchSize();
        Duration linger = consumer == null ? Duration.ofSeconds(1) : consumer.batchLinger();
        DatabaseSettings settings = new DatabaseSettings(url, runtime.databaseUser(), runtime.databasePassword(),
                Optional.of(schema), poolSize, timeout, embedded);
        return new DatabaseAdapterConfig(settings, batchSize, linger, url.isEmpty() && file.isEmpty());
    }

    private static String text(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v == null ? "" : v.toString().trim();
    }

    private static int integer(Map<String, Object> c, String key, int dflt, int min, int max, List<String> problems) {
        String v = text(c, key);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("config." + key + ": expected a whole number between " + min + " and " + max + ", but was '"
                + v + "'");
        return dflt;
    }

    private static Duration duration(Map<String, Object> c, String key, Duration dflt, List<String> problems) {
        String v = text(c, key);
        if (v.isEmpty()) {
            return dflt;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add("config." + key + ": expected a positive duration like 500ms, 10s or 2m, but was '" + v + "'");
            return dflt;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
