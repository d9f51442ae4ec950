package io.onex.runtime;

import io.onex.runtime.dashboard.Dashboard;
import io.onex.runtime.health.HealthReport;
import io.onex.runtime.http.RuntimeHttpServer;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} and {@code /health} on 127.0.0.1, unless the port is negative, and the dashboard at
 * {@code /} (docs/dashboard.md), which reads the cluster only once a page is opened.
 */
final class HttpPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(HttpPart.class);

    private final IntSupplier port;
    private final Supplier<String> metrics;
    private final Supplier<HealthReport> health;
    private final Supplier<Dashboard> dashboards;
    private RuntimeHttpServer server;
    private Dashboard dashboard;

    /** @param port the port to bind (read at start: -1 off, 0 any free port) */
    HttpPart(IntSupplier port, Supplier<String> metrics, Supplier<HealthReport> health) {
        this(port, metrics, health, null);
    }

    /**
     * @param port the port to bind (read at start: -1 off, 0 any free port)
     * @param dashboards makes the dashboard at start (the parts it reads have started); null for none
     */
    HttpPart(IntSupplier port, Supplier<String> metrics, Supplier<HealthReport> health,
            Supplier<Dashboard> dashboards) {
        this.port = port;
        this.metrics = metrics;
        this.health = health;
        this.dashboards = dashboards;
    }

    @Override
    public String name() {
        return "HTTP server";
    }

    @Override
    public void start() {
        int p = port.getAsInt();
        if (p < 0) {
            return;
        }
        Dashboard d = dashboards == null ? null : dashboards.get();
        RuntimeHttpServer s = new RuntimeHttpServer(new InetSocketAddress("127.0.0.1", p), metrics, health,
                d == null ? null : d.handler());
        try {
            s.start();
        } catch (UncheckedIOException e) {
            if (d != null) {
                d.close();
            }
            if (e.getCause() instanceof BindException) {
                throw new RuntimeStartupException("HTTP port " + p + " (/metrics, /health) is in use: set "
                        + "ONEX_HTTP_PORT or OnexRuntime.Builder.httpPort(..) to a free port, 0 for any free port, "
                        + "or -1 for no HTTP server", e);
            }
            throw e;
        }
        server = s;
        dashboard = d;
        log.info("serving /metrics and /health on http://127.0.0.1:{}{}", server.port(),
                d == null ? "" : ", the dashboard at /");
    }

    /** The bound port, or -1. */
    int port() {
        return server == null ? -1 : server.port();
    }

    /** The endpoints to advertise in introspection. */
    Map<String, String> endpoints() {
        if (server == null) {
            return Map.of();
        }
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("health", base + "/health", "metrics", base + "/metrics");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
