package io.onex.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.config.RuntimeConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Builds an {@link OnexClient}; {@link #build()} connects (and starts the embedded broker when asked). */
public final class OnexClientBuilder {

    /** As the runtime's: writing to a DLQ retries longer than a handler call, it is the last place a record goes. */
    static final RetrySpec DEAD_LETTER_WRITE_RETRY =
            new RetrySpec(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.2, List.of(), List.of());

    RuntimeConfig config;
    boolean embeddedBrokerWhenUnset;
    String clientId;
    TopicTypes types = TopicTypes.none();
    ResilienceSpec resilience = ResilienceSpec.defaults();
    int maxInFlight = 16;
    int handlerThreads = 4;
    MeterRegistry meterRegistry;
    Clock clock = Clock.systemUTC();
    Duration closeTimeout = Duration.ofSeconds(10);

    OnexClientBuilder() {
    }

    /** The settings (default: {@code RuntimeConfig.fromEnvironment(System.getenv())}). */
    public OnexClientBuilder config(RuntimeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Starts an in-process broker when {@code KAFKA_BOOTSTRAP_SERVERS} is not set (for demos and tests; needs the
     * optional {@code kafka_2.13} dependencies); without this, an unset bootstrap is an error. The client stops
     * the broker on close.
     */
    public OnexClientBuilder embeddedBrokerWhenUnset() {
        this.embeddedBrokerWhenUnset = true;
        return this;
    }

    /** The Kafka client id prefix (default: {@code <ONEX_SERVICE_NAME>-client}). */
    public OnexClientBuilder clientId(String clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        return this;
    }

    /** The topic → type map for producing and subscribing (default: none, every topic ONEX JSON). */
    public OnexClientBuilder topicTypes(TopicTypes types) {
        this.types = Objects.requireNonNull(types, "types");
        return this;
    }

    /** Retry, circuit breaker and timeout of every handler call (default: {@link ResilienceSpec#defaults()}). */
    public OnexClientBuilder resilience(ResilienceSpec resilience) {
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        return this;
    }

    /** Records of one subscription handed out and not done before it pauses fetching (default 16). */
    public OnexClientBuilder maxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, but was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** Threads the handlers of all subscriptions run on (default 4). */
    public OnexClientBuilder handlerThreads(int handlerThreads) {
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1, but was " + handlerThreads);
        }
        this.handlerThreads = handlerThreads;
        return this;
    }

    /** Where meters go (default: a new Prometheus registry, {@link OnexClient#meterRegistry()}). */
    public OnexClientBuilder meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        return this;
    }

    /** The clock of envelope timestamps, dead-letter times and the breaker (default: UTC system clock). */
    public OnexClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** How long closing a subscription waits for handlers in flight before it commits what is done (default 10 s). */
    public OnexClientBuilder closeTimeout(Duration closeTimeout) {
        if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, but was " + closeTimeout);
        }
        this.closeTimeout = closeTimeout;
        return this;
    }

    /**
     * Connects.
     *
     * @throws IllegalStateException when no bootstrap servers are set and no embedded broker was asked for
     */
    public OnexClient build() {
        return OnexClient.create(this);
    }
}
