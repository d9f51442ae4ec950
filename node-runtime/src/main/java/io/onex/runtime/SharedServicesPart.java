package io.onex.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtime's injector and the services every node shares: the event and signal producers, the admin client, the
 * dead-letter router, the pipelines' and consumers' factories. Closing flushes and closes the event producer, closes
 * the signal producer, then closes the admin client.
 */
final class SharedServicesPart implements RuntimePart {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<List<Module>> modules;
    private Injector injector;
    private RuntimeServices services;

    /** @param modules the modules, read at start (once the configuration is final) */
    SharedServicesPart(Supplier<List<Module>> modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "shared services";
    }

    @Override
    public void start() {
        injector = Guice.createInjector(modules.get());
        services = injector.getInstance(RuntimeServices.class);
    }

    Injector injector() {
        return injector;
    }

    /** The services; null before {@link #start()}. */
    RuntimeServices services() {
        return services;
    }

    @Override
    public void close() {
        if (services != null) {
            try {
                services.producer.flush();
                services.producer.close(CLOSE_TIMEOUT);
            } finally {
                try {
                    if (services.signals != services.producer) {
                        services.signals.close(CLOSE_TIMEOUT);
                    }
                } finally {
                    services.admin.close(CLOSE_TIMEOUT);
                }
            }
        }
    }
}
