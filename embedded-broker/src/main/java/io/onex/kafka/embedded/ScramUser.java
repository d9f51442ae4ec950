package io.onex.kafka.embedded;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-512 user of a secured {@link EmbeddedKafkaBroker}, created when the storage is formatted (the broker's
 * equivalent of {@code kafka-storage format --add-scram}), so the user can log in from the first connection.
 *
 * @param name the user name; the principal is {@code User:<name>}
 * @param password the password; {@link #toString()} never shows it
 */
public record ScramUser(String name, String password) {

    /** The storage formatter reads {@code name=...,password=...} between brackets: these characters would break it. */
    private static final Pattern SAFE = Pattern.compile("[^,\\[\\]=\"\\s]+");

    public ScramUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("SCRAM user name must be non-empty without ',', '[', ']', '=', '\"'"
                    + " or spaces, but was '" + name + "'");
        }
        if (!SAFE.matcher(password).matches()) {
            throw new IllegalArgumentException("the password of SCRAM user " + name + " must be non-empty without"
                    + " ',', '[', ']', '=', '\"' or spaces");
        }
    }

    /** The user's principal as ACLs name it: {@code User:<name>}. */
    public String principal() {
        return "User:" + name;
    }

    @Override
    public String toString() {
        return "ScramUser[name=" + name + ", password=(hidden)]";
    }
}
