package io.onex.runtime.inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binds what every feature shares: the validated configuration, time, the scheduler, JSON and metrics.
 * The instances are made by the runtime before the injector exists (so tests can pass a manual clock and
 * scheduler); this module only exposes them.
 */
public final class CoreModule extends AbstractModule {
    private final RuntimeConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final PrometheusMeterRegistry meterRegistry;
    private final EnvelopeCodec codec;

    public CoreModule(RuntimeConfig config, Clock clock, ScheduledExecutorService scheduler,
            PrometheusMeterRegistry meterRegistry, EnvelopeCodec codec) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.meterRegistry = meterRegistry;
        this.codec = codec;
    }

    @Override
    protected void configure() {
        bind(RuntimeConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        bind(ScheduledExecutorService.class).toInstance(scheduler);
        bind(PrometheusMeterRegistry.class).toInstance(meterRegistry);
        bind(MeterRegistry.class).toInstance(meterRegistry);
        bind(EnvelopeCodec.class).toInstance(codec);
    }

    @Provides
    @Singleton
    ObjectMapper objectMapper(EnvelopeCodec codec) {
        return codec.mapper();
    }
}
