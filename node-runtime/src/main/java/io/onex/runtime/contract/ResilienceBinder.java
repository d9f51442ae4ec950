package io.onex.runtime.contract;

import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.contract.internal.KeyReader;
import io.onex.runtime.yaml.Section;
import io.onex.runtime.yaml.ValueReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code resilience:} section of a contract: timeout, retry and circuit breaker, defaults applied. Public
 * for the workflow loader, whose steps override a contract's retry with the same keys.
 */
public final class ResilienceBinder {

    /** The keys of the {@code resilience:} mapping. */
    public static final List<String> RESILIENCE_KEYS = ContractTable.keysOf("resilience");
    /** The keys of a {@code retry:} mapping. */
    public static final List<String> RETRY_KEYS = ContractTable.keysOf("resilience.retry");

    private ResilienceBinder() {
    }

    /** Reads the {@code resilience:} section, defaults applied; the defaults when it is absent. */
    public static ResilienceSpec read(Optional<Section> section) {
        ResilienceSpec d = ResilienceSpec.defaults();
        if (section.isEmpty()) {
            return d;
        }
        KeyReader s = KeyReader.of(section.get(), "resilience");
        Duration timeout = s.duration("timeout").orElse(d.timeout());
        RetrySpec retry = s.section("retry").map(r -> retry(r.section())).orElse(d.retry());
        CircuitBreakerSpec breaker = s.section("circuit_breaker").map(ResilienceBinder::breaker)
                .orElse(d.circuitBreaker());
        return new ResilienceSpec(timeout, retry, breaker);
    }

    /**
     * Reads a {@code retry:} mapping, defaults applied, problems reported at their keys. The workflow loader reads a
     * step's retry with it, so its keys are checked as the contract table declares {@code resilience.retry}.
     */
    public static RetrySpec retry(Section s) {
        RetrySpec d = RetrySpec.defaults();
        KeyReader r = KeyReader.of(s, "resilience.retry");
        int maxAttempts = r.integer("max_attempts").orElse(d.maxAttempts());
        Optional<Duration> initial = r.duration("initial_backoff");
        double multiplier = r.number("multiplier").orElse(d.multiplier());
        Optional<Duration> max = r.duration("max_backoff");
        double jitter = r.number("jitter").orElse(d.jitter());
        if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
            s.problem("max_backoff", "must be >= initial_backoff (" + ValueReader.format(initial.get())
                    + "), but was " + ValueReader.format(max.get()));
        }
        Duration initialBackoff = initial.orElse(d.initialBackoff());
        // an initial backoff above the default cap raises the cap rather than contradict it
        Duration maxBackoff = max.orElse(initialBackoff.compareTo(d.maxBackoff()) > 0 ? initialBackoff : d.maxBackoff());
        List<String> retryOn = r.textList("retry_on").orElse(List.of());
        List<String> neverRetryOn = r.textList("never_retry_on").orElse(List.of());
        return new RetrySpec(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryOn, neverRetryOn);
    }

    private static CircuitBreakerSpec breaker(KeyReader keys) {
        CircuitBreakerSpec d = CircuitBreakerSpec.defaults();
        Section s = keys.section();
        boolean enabled = keys.bool("enabled").orElse(d.enabled());
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
            int n = keys.integer("failure_threshold").orElse(d.slidingWindowSize());
            rate = 100f;
            window = n;
            minimumCalls = n;
        } else {
            rate = keys.number("failure_rate_threshold").map(Double::floatValue)
                    .orElse(d.failureRateThreshold());
            Optional<Integer> w = keys.integer("sliding_window_size");
            Optional<Integer> m = keys.integer("minimum_calls");
            window = w.orElse(d.slidingWindowSize());
            // a window smaller than the default minimum would otherwise never be evaluated
            minimumCalls = m.orElse(s.has("sliding_window_size") ? window : d.minimumCalls());
            if (m.isPresent() && (w.isPresent() || !s.has("sliding_window_size")) && m.get() > window) {
                s.problem("minimum_calls", "must be <= sliding_window_size (" + window + "), but was " + m.get());
            }
        }
        Duration waitInOpen = keys.duration("wait_in_open").orElse(d.waitInOpen());
        int callsInHalfOpen = keys.integer("calls_in_half_open").orElse(d.callsInHalfOpen());
        boolean deadLetterWhenOpen = keys.bool("dead_letter_when_open").orElse(d.deadLetterWhenOpen());
        return new CircuitBreakerSpec(enabled, rate, window, minimumCalls, waitInOpen, callsInHalfOpen,
                deadLetterWhenOpen);
    }
}
