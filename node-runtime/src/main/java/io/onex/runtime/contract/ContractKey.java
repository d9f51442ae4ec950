package io.onex.runtime.contract;

import java.util.Objects;
import java.util.Optional;

/**
 * One key of a node contract, declared once in {@link ContractTable}.
 *
 * @param path dotted path from the root, e.g. {@code consumer.max_poll_records}
 * @param type what the value must be
 * @param required whether every contract must give it
 * @param defaultValue the value used when the contract leaves the key out ({@code Integer}, {@code Double},
 *     {@code Boolean}, {@code String}, {@code Duration} or a list), or null when it has none or it is worked out
 *     (a consumer group defaults to the contract name)
 * @param defaultText the default as documented ({@code 500}, {@code the contract name}), empty when none
 * @param doc what the key does
 * @param environmentVariable the environment variable the key falls back to when the contract leaves it out (before
 *     the default), or empty
 */
public record ContractKey(String path, KeyType type, boolean required, Object defaultValue, String defaultText,
        String doc, Optional<String> environmentVariable) {

    public ContractKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(environmentVariable, "environmentVariable");
    }

    /** The last segment of the path: the key as written in its mapping. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path of the mapping that holds the key, empty for a top-level key. */
    public String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** A key with an environment variable to fall back to. */
    ContractKey fallingBackTo(String variable) {
        return new ContractKey(path, type, required, defaultValue, defaultText, doc, Optional.of(variable));
    }
}
