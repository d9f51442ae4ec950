package io.onex.runtime.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard on a JDK HTTP server of its own, for {@code onex dashboard} (a runtime mounts
 * {@link Dashboard#handler()} on its own HTTP server instead). Binds in {@link #start()}; {@link #close()} stops the
 * server and the dashboard. Idempotent close.
 */
public final class DashboardServer implements AutoCloseable {

    private final InetSocketAddress address;
    private final Dashboard dashboard;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param address where to listen (port 0: any free port)
     * @param dashboard what to serve; closed with the server
     */
    public DashboardServer(InetSocketAddress address, Dashboard dashboard) {
        this.address = address;
        this.dashboard = dashboard;
    }

    /**
     * Binds and serves.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public synchronized void start() {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        // a few threads: each open page polls its JSON every second or two
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "onex-dashboard-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", dashboard.handler());
        server.start();
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the dashboard server is not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        dashboard.close();
    }
}
