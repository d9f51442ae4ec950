package io.onex.nodes.faults;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Kafka broker in a JVM of its own that a test can {@code kill -9} and start again on the same client and
 * controller ports and the same data directory ({@link #restart()}): what a broker host crash and reboot look like
 * to the clients. The child's main is {@link #main}: {@code <client port> <controller port> <data dir>}.
 */
public final class StandaloneBroker implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private ChildJvm jvm;

    private StandaloneBroker(Path dataDir) {
        this.port = freePort();
        this.controllerPort = freePort();
        this.dataDir = dataDir;
    }

    /** Formats {@code dataDir} and starts a broker on free loopback ports. */
    public static StandaloneBroker start(Path dataDir) throws IOException, InterruptedException {
        StandaloneBroker b = new StandaloneBroker(dataDir);
        b.restart();
        return b;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** {@code kill -9} of the broker's JVM. */
    public void kill9() throws InterruptedException {
        jvm.kill9();
    }

    /** Starts the broker's JVM again (same ports, same data) and waits until it listens. */
    public void restart() throws IOException, InterruptedException {
        jvm = ChildJvm.startAndAwait("broker", StandaloneBroker.class.getName(),
                List.of(Integer.toString(port), Integer.toString(controllerPort), dataDir.toString()), Map.of(),
                "bootstrap=", START);
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) {
            jvm.close();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String controller = "127.0.0.1:" + args[1];
        // the controller port is fixed as well: KRaft's quorum voters name it, and a restart must find itself
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).dataDirectory(Path.of(args[2]))
                .brokerConfig("controller.quorum.voters", "1@" + controller)
                .brokerConfig("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }));
        System.out.println("bootstrap=" + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
