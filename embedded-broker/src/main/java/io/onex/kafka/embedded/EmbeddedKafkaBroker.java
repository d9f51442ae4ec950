package io.onex.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM: for tests, local runs and
 * {@code onex broker}. It is the artifact {@code io.onex:onex-embedded-broker} (it brings {@code kafka_2.13}): a service
 * that has it on its classpath gets this broker from {@code OnexRuntime} when no {@code KAFKA_BOOTSTRAP_SERVERS} is
 * set; the runtime finds it by this class's name and calls {@link #start()}, {@link #bootstrapServers()} and
 * {@link #close()} (keep those three as they are).
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *     String bootstrap = broker.bootstrapServers();   // 127.0.0.1:<free port>
 * }
 * }</pre>
 *
 * <p>Listens on loopback only, with internal topics at replication factor 1 and min ISR 1 (transactions work), and
 * {@code group.initial.rebalance.delay.ms=0}. {@link #stop()} and {@link #restart()} keep the port and the data, so
 * a test can take the broker away and bring it back. Data lives in a temporary directory deleted on
 * {@link #close()}, unless the builder was given a directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dir;
    private final boolean ownsDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final SaslSslListener secured;
    private final int internalPort;
    private boolean aclsApplied;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        // settings first: a refused builder leaves no directory behind
        if (b.users.isEmpty() && !(b.superUsers.isEmpty() && b.acls.isEmpty())) {
            throw new IllegalArgumentException("super users and ACLs need saslSsl(users...)");
        }
        this.secured = b.users.isEmpty() ? null : new SaslSslListener(b.users, b.superUsers, b.acls);
        try {
            this.ownsDir = b.dir == null;
            this.dir = ownsDir ? Files.createTempDirectory("onex-kafka-") : Files.createDirectories(b.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded broker's data directory", e);
        }
        this.port = b.port == 0 ? freePort() : b.port;
        this.controllerPort = freePort();
        this.overrides = Map.copyOf(b.overrides);
        this.internalPort = secured == null ? 0 : freePort();
    }

    /** Formats fresh storage in a temporary directory and starts a broker on a free loopback port. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** A builder for a fixed port, a data directory of your own, or extra broker settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code 127.0.0.1:<port>}: the value for {@code bootstrap.servers}. With {@link Builder#saslSsl} it is the
     * SASL_SSL listener's address: clients need {@link #clientProperties} (or the runtime's KAFKA_SECURITY_PROTOCOL,
     * KAFKA_SASL_* and KAFKA_SSL_CA_LOCATION settings).
     */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * The PEM file of the test CA that signed the broker's certificate: the value for {@code KAFKA_SSL_CA_LOCATION}.
     *
     * @throws IllegalStateException when the broker was not built with {@link Builder#saslSsl}
     */
    public Path caCertificate() {
        return requireSecured().caCertificate();
    }

    /**
     * Properties of a client of the SASL_SSL listener logging in as the given user (bootstrap servers included).
     *
     * @throws IllegalStateException when the broker was not built with {@link Builder#saslSsl}
     */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new HashMap<>(requireSecured().clientProperties(user, password));
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    private SaslSslListener requireSecured() {
        if (secured == null) {
            throw new IllegalStateException("this embedded broker has no SASL_SSL listener (see Builder.saslSsl)");
        }
        return secured;
    }

    /** The client port, kept across {@link #stop()} and {@link #restart()}. */
    public int port() {
        return port;
    }

    /** The directory holding the broker's data. */
    public Path dataDirectory() {
        return dir;
    }

    /** Whether the broker is up. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down, keeping its port and data for {@link #restart()}. Does nothing when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded Kafka broker on port {} stopped in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts the broker again on the same port with the same data. Does nothing when running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka broker on port " + port + " is closed");
        }
        if (server == null) {
            launch();
        }
    }

    /** Stops the broker and deletes its data directory if it created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (ownsDir) {
                deleteRecursively(dir);
            }
        }
    }

    private synchronized EmbeddedKafkaBroker startFresh() {
        long t0 = System.nanoTime();
        if (secured != null) {
            secured.prepare(dir);
            log.info("embedded Kafka broker: test CA and broker certificate made with keytool in {} ms",
                    (System.nanoTime() - t0) / 1_000_000);
        }
        format();
        launch();
        log.info("embedded Kafka broker started at {} in {} ms (data in {})", bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000, dir);
        return this;
    }

    private void format() {
        if (Files.exists(Path.of(dataDir(), "meta.properties"))) {
            // formatted by an earlier broker on this directory: its cluster id stays (formatting again with a new
            // one is refused, and setIgnoreFormatted does not cover a different id)
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir()))
                    .setMetadataLogDirectory(dataDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .setScramArguments(secured == null ? List.of() : secured.scramArguments())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the embedded broker's storage in " + dataDir() + ": " + e, e);
        }
    }

    private void launch() {
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException e) {
            s.shutdown();
            s.awaitShutdown();
            throw new IllegalStateException("embedded Kafka broker failed to start on port " + port + ": " + e, e);
        }
        server = s;
        if (secured != null && !aclsApplied) {
            secured.applyAcls("127.0.0.1:" + internalPort); // ACLs live in the metadata log: kept across restarts
            aclsApplied = true;
        }
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    private Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", dataDir());
        c.put("offsets.topic.replication.factor", "1");
        // 50 partitions by default: creating them delays the first consumer group by seconds on 2 cores
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.partitions", "3");
        if (secured != null) {
            c.putAll(secured.brokerConfig(port, internalPort, controllerPort, CONTROLLER_LISTENER));
        }
        c.putAll(overrides);
        return c;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for the embedded broker", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete the embedded broker's data directory {}: {}", root, e.toString());
        }
    }

    /** Options for {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private int port;
        private Path dir;
        private final Map<String, String> overrides = new HashMap<>();
        private final List<ScramUser> users = new ArrayList<>();
        private final Set<String> superUsers = new LinkedHashSet<>();
        private final List<AclBinding> acls = new ArrayList<>();

        private Builder() {
        }

        /**
         * Clients connect over SASL_SSL with SCRAM-SHA-512 as one of these users, trusting a CA made for this broker
         * ({@link #caCertificate()}); the authorizer is KRaft's {@code StandardAuthorizer}, and without ACLs
         * ({@link #acls}) only super users ({@link #superUsers}) may do anything. Without this call the broker is the
         * zero-setup PLAINTEXT one.
         */
        public Builder saslSsl(ScramUser... users) {
            if (users.length == 0) {
                throw new IllegalArgumentException("saslSsl needs at least one user");
            }
            this.users.addAll(List.of(users));
            return this;
        }

        /** Users (names given to {@link #saslSsl}) the authorizer lets do anything, e.g. a test's admin. */
        public Builder superUsers(String... names) {
            superUsers.addAll(List.of(names));
            return this;
        }

        /** ACLs written when the broker first starts (they persist in its metadata across restarts). */
        public Builder acls(AclBinding... bindings) {
            acls.addAll(List.of(bindings));
            return this;
        }

        /** The client port (default: a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /** A data directory to use and keep (default: a temporary one, deleted on close). */
        public Builder dataDirectory(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A broker setting to add or override. */
        public Builder brokerConfig(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Formats storage (unless an earlier broker formatted the directory: it keeps its data) and starts the broker. */
        public EmbeddedKafkaBroker start() {
            return new EmbeddedKafkaBroker(this).startFresh();
        }
    }
}
