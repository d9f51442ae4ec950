package io.onex.runtime.cli;

import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.dashboard.Dashboard;
import io.onex.runtime.dashboard.DashboardServer;
import io.onex.runtime.dashboard.LetterReplayer;
import io.onex.runtime.dashboard.RegistryFeed;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.http.RuntimeHttpServer;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.LagThresholds;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onex dashboard}: the live dashboard in the browser, against any cluster, until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the live dashboard on http://127.0.0.1:PORT/ against a cluster, until interrupted:"
        + " nodes (the registry's view: status with age, health, breakers, version, instances), consumer groups"
        + " (lag per partition over the last minutes, and the verdict of `onex groups`), dead letters (counts by"
        + " original topic and error type, the records with their error and original envelope) and workflow runs"
        + " (each run's steps drawn as its graph). Read-only unless --allow-actions. A running runtime serves the"
        + " same pages at / on its HTTP port.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:stopped by an interrupt (Ctrl-C)",
                "1:the port cannot be bound", ClusterCommand.EXIT_USAGE, ClusterCommand.EXIT_UNREACHABLE})
final class DashboardCommand extends ClusterCommand {

    @Option(names = "--port", paramLabel = "P", defaultValue = "8090",
            description = "the port to serve on, 127.0.0.1 only; 0 for any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--allow-actions",
            description = "offer the replay of dead letters (behind a confirmation); default: read-only")
    boolean allowActions;

    @CommandLine.Mixin
    LagThresholdOptions lag;

    private LagThresholds thresholds;

    @Override
    void checkOptions() {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port: expected 0..65535, but was " + port);
        }
        thresholds = lag.thresholds(spec.commandLine());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook is what woke us
        }
    }

    @Override
    int run(ClusterSession session) throws Exception {
        NodeDirectory directory = new NodeDirectory(Clock.systemUTC());
        RuntimeConfig config = session.config();
        // a producer only when the page may act: a read-only dashboard writes nothing to the cluster
        Producer<byte[], byte[]> producer = allowActions ? new KafkaProducer<>(KafkaClientProperties.producer(
                config.kafkaClientProperties(), "onex-dashboard", config.compressionType())) : null;
        Dashboard dashboard = Dashboard.builder().directory(directory).admin(session.admin()).config(config)
                .thresholds(thresholds).actions(allowActions)
                .replayer(producer == null ? null : new LetterReplayer(config, producer)).build();
        CountDownLatch interrupted = new CountDownLatch(1);
        try (RegistryFeed feed = new RegistryFeed(directory, config);
                AutoCloseable closesProducer = () -> {
                    if (producer != null) {
                        producer.close(Duration.ofSeconds(5));
                    }
                };
                DashboardServer server = new DashboardServer(RuntimeHttpServer.loopback(port), dashboard)) {
            try {
                server.start();
            } catch (UncheckedIOException e) {
                return fail(VERDICT_BAD, e.getMessage() + " (choose another with --port, or 0 for any free port)");
            }
            Thread hook = new Thread(interrupted::countDown, "onex-dashboard-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getOut().printf("dashboard of %s on http://127.0.0.1:%d/ (%s); Ctrl-C stops it%n",
                    session.servers(), server.port(), dashboard.actionsAllowed() ? "actions allowed" : "read-only");
            spec.commandLine().getOut().flush();
            try {
                interrupted.await();
            } catch (InterruptedException stop) {
                // an embedder (or a test) stops the verb by interrupting its thread: a clean stop, like Ctrl-C
                Thread.currentThread().interrupt();
            } finally {
                removeHook(hook);
            }
        }
        return OK;
    }
}
