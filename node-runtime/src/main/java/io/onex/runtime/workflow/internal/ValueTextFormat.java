package io.onex.runtime.workflow.internal;

import io.onex.runtime.yaml.ValueReader;
import java.time.Duration;

/** How durations are written in messages: in the notation of the files ({@code 500ms}, {@code 30s}, {@code 2m}). */
final class ValueTextFormat {
    private ValueTextFormat() {
    }

    static String duration(Duration d) {
        return ValueReader.format(d);
    }
}
