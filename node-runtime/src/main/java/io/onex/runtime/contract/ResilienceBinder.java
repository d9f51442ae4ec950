package io.onex.runtime.contract;

import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.yaml.Section;
import io.onex.runtime.yaml.ValueReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code resilience:} section of a contract: timeout, retry and circuit breaker, defaults applied. Public
 * for the workflow loader, whose steps override a contract's retry with the same keys.
 */
public final class ResilienceBinder {

    /** The keys of the {@code resilience:} mapping. */
    public static final List<String> RESILIENCE_KEYS = List.of("timeout", "retry", "circuit_breaker");
    /** The keys of a {@code retry:} mapping. */
    public static final List<String> RETRY_KEYS = List.of("max_attempts", "initial_backoff", "multiplier", "max_backoff",
            "jitter", "retry_on", "never_retry_on");
    static final List<String> BREAKER_KEYS = List.of("enabled", "failure_threshold", "failure_rate_threshold",
            "sliding_window_size", "minimum_calls", "wait_in_open", "calls_in_half_open", "dead_letter_when_open");
    /** Upper bound of window-like counts: resilience4j allocates the count-based window up front. */
    static final int MAX_WINDOW = 10_000;

    private static final Pattern CLASS_NAME =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
    private static final String CLASS_NAME_FORM = "an exception class name like java.io.IOException or IOException";

    private ResilienceBinder() {
    }

    /** Reads the {@code resilience:} section, defaults applied; the defaults when it is absent. */
    public static ResilienceSpec read(Optional<Section> section) {
        ResilienceSpec d = ResilienceSpec.defaults();
        if (section.isEmpty()) {
            return d;
        }
        Section s = section.get();
        Duration timeout = s.positiveDuration("timeout").orElse(d.timeout());
        RetrySpec retry = s.section("retry", RETRY_KEYS).map(ResilienceBinder::retry).orElse(d.retry());
        CircuitBreakerSpec breaker = s.section("circuit_breaker", BREAKER_KEYS).map(ResilienceBinder::breaker)
                .orElse(d.circuitBreaker());
        return new ResilienceSpec(timeout, retry, breaker);
    }

    /** Reads a {@code retry:} mapping, defaults applied, problems reported at their keys. */
    public static RetrySpec retry(Section s) {
        RetrySpec d = RetrySpec.defaults();
        int maxAttempts = s.integer("max_attempts", 1, 100).orElse(d.maxAttempts());
        Optional<Duration> initial = s.positiveDuration("initial_backoff");
        double multiplier = s.number("multiplier", 1.0, true, Double.MAX_VALUE, true).orElse(d.multiplier());
        Optional<Duration> max = s.positiveDuration("max_backoff");
        double jitter = s.number("jitter", 0.0, true, 1.0, false).orElse(d.jitter());
        if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
            s.problem("max_backoff", "must be >= initial_backoff (" + ValueReader.format(initial.get())
                    + "), but was " + ValueReader.format(max.get()));
        }
        Duration initialBackoff = initial.orElse(d.initialBackoff());
        // an initial backoff above the default cap raises the cap rather than contradict it
        Duration maxBackoff = max.orElse(initialBackoff.compareTo(d.maxBackoff()) > 0 ? initialBackoff : d.maxBackoff());
        List<String> retryOn = s.stringList("retry_on", ResilienceBinder.classNames(s)).orElse(List.of());
        List<String> neverRetryOn = s.stringList("never_retry_on", ResilienceBinder.classNames(s)).orElse(List.of());
        return new RetrySpec(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryOn, neverRetryOn);
    }

    private static Section.ItemReader classNames(Section s) {
        return (node, at, field) -> s.values().matching(node, at, field, CLASS_NAME, CLASS_NAME_FORM);
    }

    private static CircuitBreakerSpec breaker(Section s) {
        CircuitBreakerSpec d = CircuitBreakerSpec.defaults();
        boolean enabled = s.bool("enabled").orElse(d.enabled());
        float rate;
        int window;
        int minimumCalls;
        if (s.has("failure_threshold")) {
            int line = s.markOf("failure_threshold").line();
            for (String other : List.of("failure_rate_threshold", "sliding_window_size", "minimum_calls")) {
                if (s.has(other)) {
                    s.problem(other, "cannot be combined with failure_threshold (line " + line
                            + "), which is shorthand for N consecutive failures; expected either failure_threshold "
                            + "or failure_rate_threshold with sliding_window_size and minimum_calls");
                }
            }
            int n = s.integer("failure_threshold", 1, MAX_WINDOW).orElse(d.slidingWindowSize());
            rate = 100f;
            window = n;
            minimumCalls = n;
        } else {
            rate = s.number("failure_rate_threshold", 0.0, false, 100.0, true).map(Double::floatValue)
                    .orElse(d.failureRateThreshold());
            Optional<Integer> w = s.integer("sliding_window_size", 1, MAX_WINDOW);
            Optional<Integer> m = s.integer("minimum_calls", 1, MAX_WINDOW);
            window = w.orElse(d.slidingWindowSize());
            // a window smaller than the default minimum would otherwise never be evaluated
            minimumCalls = m.orElse(s.has("sliding_window_size") ? window : d.minimumCalls());
            if (m.isPresent() && (w.isPresent() || !s.has("sliding_window_size")) && m.get() > window) {
                s.problem("minimum_calls", "must be <= sliding_window_size (" + window + "), but was " + m.get());
            }
        }
        Duration waitInOpen = s.positiveDuration("wait_in_open").orElse(d.waitInOpen());
        int callsInHalfOpen = s.integer("calls_in_half_open", 1, MAX_WINDOW).orElse(d.callsInHalfOpen());
        boolean deadLetterWhenOpen = s.bool("dead_letter_when_open").orElse(d.deadLetterWhenOpen());
        return new CircuitBreakerSpec(enabled, rate, window, minimumCalls, waitInOpen, callsInHalfOpen,
                deadLetterWhenOpen);
    }
}
