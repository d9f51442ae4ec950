package io.onex.nodes.database;

import io.onex.runtime.config.Secret;
import io.onex.runtime.deadletter.SecretRedactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a node that persists events writes (the bridge database adapter, the agent intelligence logger). With no
 * URL it uses an embedded SQLite file that needs no server.
 *
 * @param url JDBC URL ({@code jdbc:postgresql:...} or {@code jdbc:sqlite:...}); empty for the embedded database
 * @param user database user, if any
 * @param password database password, if any; shown nowhere ({@link Secret})
 * @param schema PostgreSQL schema the tables live in (created by the migration); empty for the connection's default;
 *     ignored by SQLite
 * @param poolSize connections in the pool (the embedded database always uses one)
 * @param connectionTimeout how long a write waits for a connection before the batch fails
 * @param embeddedFile the SQLite file used when {@code url} is empty
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<Secret> password,
        Optional<String> schema, int poolSize, Duration connectionTimeout, Path embeddedFile) {

    public DatabaseSettings {
        url = url.filter(u -> !u.isBlank());
        user = user.filter(u -> !u.isBlank());
        schema = schema.filter(s -> !s.isBlank());
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(embeddedFile, "embeddedFile");
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be between 1 and 64, but was " + poolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250ms, but was "
                    + connectionTimeout.toMillis() + "ms");
        }
        schema.ifPresent(s -> {
            if (!s.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("schema must match [a-z_][a-z0-9_]{0,62}, but was '" + s + "'");
            }
        });
        url.ifPresent(SqlDialect::of);
    }

    /** PostgreSQL at {@code url} (no user or password: trust or peer authentication, or both in the URL's host). */
    public static DatabaseSettings postgres(String url, String schema) {
        return new DatabaseSettings(Optional.of(url), Optional.empty(), Optional.empty(), Optional.ofNullable(schema),
                2, Duration.ofSeconds(5), Path.of("unused.db"));
    }

    /** The embedded database in {@code file}. */
    public static DatabaseSettings embedded(Path file) {
        return new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Duration.ofSeconds(5), file);
    }

    /** A copy with another URL (tests point the adapter at a closed port). */
    public DatabaseSettings withUrl(String newUrl) {
        return new DatabaseSettings(Optional.of(newUrl), user, password, schema, poolSize, connectionTimeout,
                embeddedFile);
    }

    /** Whether the embedded database is used. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** The JDBC URL connected to. */
    public String jdbcUrl() {
        return url.orElse("jdbc:sqlite:" + embeddedFile.toAbsolutePath());
    }

    /** Where the adapter writes, for logs: the URL with any password masked, and the schema. */
    public String describe() {
        boolean postgres = jdbcUrl().startsWith("jdbc:postgresql:");
        return SecretRedactor.redact(jdbcUrl()) + (postgres ? schema.map(s -> " (schema " + s + ")").orElse("") : "");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + describe() + ", user=" + user.orElse("") + ", password="
                + password.map(Secret::toString).orElse("") + ", poolSize=" + poolSize + ", connectionTimeout="
                + connectionTimeout.toMillis() + "ms]";
    }
}
