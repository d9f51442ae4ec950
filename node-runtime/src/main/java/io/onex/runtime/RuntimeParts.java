package io.onex.runtime;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link RuntimePart}s in order and closes the started ones in reverse. When a part fails to start, the parts
 * started so far (the failing one first, since it may have started half-way) are closed in reverse order and the
 * failure is rethrown. Closing never throws: a part that fails to close is logged and the others still close.
 * Each part's start is timed ({@link #startMillis()}), so that a slow start says which part it spent its time in.
 */
final class RuntimeParts {
    private static final Logger log = LoggerFactory.getLogger(RuntimeParts.class);

    private final List<RuntimePart> parts;
    /** Started parts, the last started on top. */
    private final Deque<RuntimePart> started = new ArrayDeque<>();
    private final Map<String, Long> startMillis = new LinkedHashMap<>();

    RuntimeParts(List<RuntimePart> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Starts every part in order.
     *
     * @throws Exception the first part's failure, after the started parts were closed
     */
    void start() throws Exception {
        for (RuntimePart part : parts) {
            started.push(part);
            long t0 = System.nanoTime();
            try {
                part.start();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                startMillis.put(part.name(), ms);
                log.debug("{} started in {} ms", part.name(), ms);
            } catch (Exception | Error e) {
                // thrown, not logged: the runtime's caller reports the failure once (onex serve: its error: line)
                log.debug("{} failed to start: {}", part.name(), e.toString());
                close();
                throw e;
            }
        }
    }

    /** How long each started part took to start, in ms, in order of start. */
    Map<String, Long> startMillis() {
        return Collections.unmodifiableMap(startMillis);
    }

    /** Closes the started parts in reverse order of start. Idempotent. */
    void close() {
        stop(false);
    }

    /** Like {@link #close()}, with {@link RuntimePart#abandon()}. */
    void abandon() {
        stop(true);
    }

    private void stop(boolean abandon) {
        while (!started.isEmpty()) {
            RuntimePart part = started.pop();
            try {
                if (abandon) {
                    part.abandon();
                } else {
                    part.close();
                }
            } catch (Exception e) {
                log.warn("closing {} failed: {}", part.name(), e.toString());
            }
        }
    }
}
