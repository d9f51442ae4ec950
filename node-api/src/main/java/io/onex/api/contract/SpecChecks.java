package io.onex.api.contract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The checks of the resilience specs' builders, with resilience4j's wording: "x must be ..., but was y". */
final class SpecChecks {

    private SpecChecks() {
    }

    static int atLeast(String name, int min, int value) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be greater than or equal to " + min + ", but was " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be greater than 0 ms, but was " + millis(value));
        }
        return value;
    }

    static List<String> classNames(String name, List<String> value) {
        Objects.requireNonNull(value, name);
        for (String n : value) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException(name + " must hold exception class names, but held "
                        + (n == null ? "null" : "a blank name"));
            }
        }
        return List.copyOf(value);
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
