package io.onex.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.onex.runtime.health.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /health} on the JDK's HTTP server, with no web framework.
 *
 * <ul>
 *   <li>{@code GET /metrics}: the scrape, {@value #PROMETHEUS_CONTENT_TYPE};
 *   <li>{@code GET /health}: the {@link HealthReport} as JSON, 200 when ready, else 503;
 *   <li>{@code GET /health/ready}: the same; {@code GET /health/live}: the same JSON, 200 when live, else 503;
 *   <li>any other path 404, any other method 405.
 * </ul>
 *
 * <p>Binding happens in {@link #start()}, not in the constructor. Requests run on two daemon threads.
 * Lifecycle: {@link #start()} once, {@link #close()} idempotent.
 */
public final class RuntimeHttpServer implements AutoCloseable {

    /** The host bound by {@link #loopback(int)}: metrics and health are not exposed beyond the machine by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeHttpServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private enum State { NEW, RUNNING, CLOSED }

    private final InetSocketAddress address;
    private final Supplier<String> prometheusScrape;
    private final Supplier<HealthReport> health;
    private final HttpHandler others;
    private final Object lock = new Object();
    private State state = State.NEW;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param address where to listen; port 0 picks a free port (see {@link #port()})
     * @param prometheusScrape the Prometheus text, e.g. {@code PrometheusMeterRegistry::scrape}
     * @param health the current health report
     */
    public RuntimeHttpServer(InetSocketAddress address, Supplier<String> prometheusScrape,
            Supplier<HealthReport> health) {
        this(address, prometheusScrape, health, null);
    }

    /**
     * A server that hands every path other than its own to another handler (the runtime's dashboard).
     *
     * @param others serves the other paths; null: they are 404
     */
    public RuntimeHttpServer(InetSocketAddress address, Supplier<String> prometheusScrape,
            Supplier<HealthReport> health, HttpHandler others) {
        this.address = Objects.requireNonNull(address, "address");
        this.prometheusScrape = Objects.requireNonNull(prometheusScrape, "prometheusScrape");
        this.health = Objects.requireNonNull(health, "health");
        this.others = others;
    }

    /**
     * The default address: {@value #DEFAULT_HOST} on a port.
     *
     * @param port the port, 0 for any free one
     * @return the address
     */
    public static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(DEFAULT_HOST), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + DEFAULT_HOST, e);
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken), naming it
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("HTTP server on " + address + " cannot start: it is "
                        + (state == State.RUNNING ? "already started" : "closed"));
            }
            // The JDK server writes headers and body as two segments; with Nagle on, the body waits for the
            // client's delayed ACK: ~40 ms per request on loopback (measured). Read once, at the JVM's first server.
            if (System.getProperty(NODELAY_PROPERTY) == null) {
                System.setProperty(NODELAY_PROPERTY, "true");
            }
            HttpServer s;
            try {
                s = HttpServer.create(address, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen for /metrics and /health on " + address + ": "
                        + e.getMessage(), e);
            }
            int id = SERVERS.incrementAndGet();
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "onex-http-" + id + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext("/", this::route);
            s.start();
            server = s;
            state = State.RUNNING;
        }
        LOG.info("serving /metrics and /health on http://{}:{}", address.getHostString(), port());
    }

    /**
     * The bound port (the one picked when 0 was asked).
     *
     * @return the port
     * @throws IllegalStateException when not running
     */
    public int port() {
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new IllegalStateException("HTTP server on " + address + " has no port: it is not running");
            }
            return server.getAddress().getPort();
        }
    }

    /** Stops serving at once and frees the port. Idempotent. */
    @Override
    public void close() {
        HttpServer s;
        ExecutorService e;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean wasRunning = state == State.RUNNING;
            state = State.CLOSED;
            if (!wasRunning) {
                return;
            }
            s = server;
            e = executor;
        }
        s.stop(0);
        e.shutdownNow();
        LOG.info("stopped serving /metrics and /health on {}", s.getAddress());
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals("/metrics") || path.equals("/health") || path.equals("/health/live")
                    || path.equals("/health/ready");
            if (!known && others != null) {
                others.handle(exchange);
                return;
            }
            if (!known) {
                send(exchange, 404, "text/plain; charset=utf-8", "no such endpoint: " + path
                        + " (expected /metrics, /health, /health/live or /health/ready)\n");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8",
                        exchange.getRequestMethod() + " is not allowed on " + path + ": expected GET\n");
                return;
            }
            try {
                if (path.equals("/metrics")) {
                    send(exchange, 200, PROMETHEUS_CONTENT_TYPE, prometheusScrape.get());
                } else {
                    HealthReport report = health.get();
                    boolean up = path.equals("/health/live") ? report.live() : report.ready();
                    send(exchange, up ? 200 : 503, JSON_CONTENT_TYPE, report.toJson());
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", path, e.toString());
                send(exchange, 500, "text/plain; charset=utf-8", path + " failed: " + e.getClass().getSimpleName() + "\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
