package io.onex.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtime's injector and the services every node shares: the event and signal producers, the admin client, the
 * dead-letter router, the pipelines' and consumers' factories. Closing flushes and closes the event producer, closes
 * the signal producer, then closes the admin client.
 *
 * <p>With real Kafka clients, start fails within {@link ClusterSession#REACH_TIMEOUT} when the cluster does not
 * answer, naming the address and the cause: without the check a runtime would start "fine" and its clients would
 * retry and warn for minutes.
 */
final class SharedServicesPart implements RuntimePart {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<List<Module>> modules;
    private final Supplier<String> reachableServers;
    private Injector injector;
    private RuntimeServices services;

    /**
     * @param modules the modules, read at start (once the configuration is final)
     * @param reachableServers the bootstrap servers that must answer at start (read at start), or null for no check
     *     (fake clients)
     */
    SharedServicesPart(Supplier<List<Module>> modules, Supplier<String> reachableServers) {
        this.modules = modules;
        this.reachableServers = reachableServers;
    }

    @Override
    public String name() {
        return "shared services";
    }

    @Override
    public void start() {
        injector = Guice.createInjector(modules.get());
        services = injector.getInstance(RuntimeServices.class);
        if (reachableServers != null) {
            String servers = reachableServers.get();
            try {
                ClusterSession.check(services.admin, servers, ClusterSession.REACH_TIMEOUT);
            } catch (ClusterUnreachableException e) {
                throw new RuntimeStartupException(e.getMessage(), e);
            }
        }
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
