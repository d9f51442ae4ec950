package io.onex.nodes.cli;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.nodes.registry.NodeBridgeRegistry;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.Durations;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeFilter;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onex nodes}: joins the network as a short-lived registry, asks every node to introspect, collects the
 * answers and the heartbeats for a while, and prints the registry's table.
 *
 * <p>With {@code --watch} it stays, printing one line per status change (joined, suspect, expired, returned, left)
 * until Ctrl-C or {@code --timeout}.
 *
 * <p>It consumes in a consumer group of its own, so a running registry keeps all of its partitions; the group
 * commits no offsets and is deleted when the command exits ({@code privateNodeGroups}), so none is left behind on the
 * cluster. It reads the introspection and heartbeat topics from the beginning: nodes that died long ago show as expired (liveness is
 * judged by each event's own timestamp), nodes that said goodbye as offline; those last seen more than 10 minutes ago
 * are left out unless {@code --all}. Its own registry node is never announced ({@code announceNodes(false)}): no
 * introspection, no heartbeat, so other watchers do not see it join or leave.
 */
@Command(name = "nodes", description = "Print the nodes of the network as the registry sees them: node id, name,"
        + " type, version, status, last heartbeat age, breaker states. Expired and offline nodes last seen more than"
        + " 10 minutes ago are left out unless --all.", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:ok", "2:usage or configuration error (bad option, no cluster given, bad contract)",
                "3:the cluster cannot be reached within 5 s, or refused authentication"})
final class NodesCommand implements Callable<Integer> {
    private static final Duration REACH_TIMEOUT = ClusterSession.REACH_TIMEOUT;
    private static final String REGISTRY = "bridge_registry";
    /** The operator verbs' exit code for a cluster that cannot be reached. */
    private static final int UNREACHABLE = 3;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS; `onex broker` prints one)")
    String bootstrap;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5s",
            description = "how long to collect introspection answers and heartbeats (default: ${DEFAULT-VALUE}, the"
                    + " registry request's response timeout)")
    String waitText;

    @Option(names = "--watch", description = "after the table, keep watching and print each node that joins, turns"
            + " suspect, expires, returns or leaves, as it happens (until Ctrl-C, or --timeout)")
    boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "with --watch: stop after this long, e.g. 10m")
    String watchForText;

    @Option(names = "--contracts", paramLabel = "FILE|DIR", defaultValue = "contracts",
            description = "the registry's contract: a file, or a contracts folder holding bridge_registry (default:"
                    + " ${DEFAULT-VALUE})")
    Path contracts;

    /** The former spelling of {@code --timeout}. */
    @Option(names = "--for", paramLabel = "DURATION", hidden = true)
    String legacyFor;

    /** The former spelling of {@code --contracts} (picocli applies defaults after parsing: a field of its own). */
    @Option(names = "--contract", paramLabel = "FILE", hidden = true)
    Path legacyContract;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "only nodes in these statuses: active, suspect, expired, offline (repeat or separate with commas)")
    List<String> statusTexts = List.of();

    @Option(names = "--name", paramLabel = "GLOB", description = "only nodes whose name matches, e.g. 'bridge_*'")
    String nameGlob;

    @Option(names = "--type", paramLabel = "TYPE", description = "only nodes of this type: effect, compute, reducer,"
            + " orchestrator")
    String typeText;

    @Option(names = "--all", description = "also expired and offline nodes last seen more than 10 minutes ago")
    boolean all;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (legacyFor != null) {
            watchForText = legacyFor;
        }
        if (legacyContract != null) {
            contracts = legacyContract;
        }
        Duration wait = Durations.parse(waitText, "--wait");
        NodeFilter filter = NodeFilters.parse(statusTexts, nameGlob, typeText, all, spec.commandLine());
        if (watchForText != null && !watch) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout needs --watch");
        }
        Duration watchFor = watchForText == null ? null : Durations.parse(watchForText, "--timeout");
        String servers = bootstrap != null ? bootstrap : System.getenv(ConfigTable.KAFKA_BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no cluster to ask: give --bootstrap"
                    + " HOST:PORT or set " + ConfigTable.KAFKA_BOOTSTRAP_SERVERS + " (`onex broker` starts one)");
        }
        NodeContract registry = withOwnGroup(registryContract());
        try {
            requireReachable(servers);
        } catch (ClusterUnreachableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return UNREACHABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        OnexRuntime runtime = OnexRuntime.builder().contracts(List.of(registry)).bootstrapServers(servers)
                .httpPort(-1).announceNodes(false).privateNodeGroups(true).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close(); // Ctrl-C while watching: leave the network with a shutdown introspection
            stopped.countDown();
        }, "onex-nodes-shutdown");
        if (watch) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            runtime.start();
            String self = runtime.nodeId(registry.name());
            NodeBridgeRegistry node = runtime.node(registry.name(), NodeBridgeRegistry.class);
            Thread.sleep(wait.toMillis()); // the answer window itself: nodes answer within the request's timeout
            Instant now = Clock.systemUTC().instant();
            List<NodeEntry> known = node.directory().all().stream().filter(e -> !e.nodeId().equals(self)).toList();
            List<NodeEntry> nodes = filter.apply(known, now);
            synchronized (out) {
                out.print(NodeTable.render(nodes, now));
                out.println(NodeFilters.summary(nodes.size(), servers, filter, known, now));
                out.flush();
            }
            if (watch) {
                watch(node, self, filter, out, stopped, watchFor);
            }
        } finally {
            if (watch) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    return 0; // the hook closes the runtime
                }
            }
            runtime.close();
        }
        return 0;
    }

    /** Prints each status change from now on, until stopped or {@code watchFor} has passed. */
    private void watch(NodeBridgeRegistry node, String self, NodeFilter filter, PrintWriter out,
            CountDownLatch stopped, Duration watchFor) throws Exception {
        synchronized (out) {
            out.println("watching" + (watchFor == null ? " (Ctrl-C to stop)" : " for " + watchForText) + " ...");
            out.flush();
        }
        try (AutoCloseable registration = node.directory().addListener(change -> {
            // a change is news whatever its age: --all does not apply to it, the other filters do
            if (!change.entry().nodeId().equals(self)
                    && !filter.withAll().apply(List.of(change.entry()), Clock.systemUTC().instant()).isEmpty()) {
                synchronized (out) {
                    out.println(NodeTable.changeLine(change, Clock.systemUTC().instant()));
                    out.flush();
                }
            }
        })) {
            if (watchFor == null) {
                stopped.await();
            } else {
                stopped.await(watchFor.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The registry's contract: the file given, or the bridge_registry contract of the folder given. */
    private NodeContract registryContract() throws Exception {
        ContractLoader loader = new ContractLoader(System.getenv());
        if (!Files.isDirectory(contracts)) {
            return loader.load(contracts);
        }
        Path file = contracts.resolve(REGISTRY + ".yaml");
        if (Files.isRegularFile(file)) {
            return loader.load(file);
        }
        return loader.loadAll(contracts).stream().filter(c -> c.name().equals(REGISTRY)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--contracts: " + contracts
                        + " holds no " + REGISTRY + " contract"));
    }

    /** Fails fast, naming the cluster, instead of printing an empty table after the clients' long timeouts. */
    private static void requireReachable(String servers) {
        ClusterSession.open(servers, System.getenv(), REACH_TIMEOUT).close(); // reached: the runtime makes its own
    }

    /** The same registry in a consumer group of its own: never takes partitions from a running registry. */
    static NodeContract withOwnGroup(NodeContract c) {
        ConsumerSpec spec = c.consumer().orElseThrow(() -> new IllegalArgumentException(
                c.source().map(Path::toString).orElse(c.name()) + ": consumer: the registry contract must have a"
                        + " consumer section"));
        ConsumerSpec own = new ConsumerSpec("onex-nodes-cli-" + UUID.randomUUID().toString().substring(0, 8),
                spec.maxPollRecords(), spec.maxInFlight(), spec.batchSize(), spec.batchLinger(), "earliest");
        return c.toBuilder().consumer(own).build();
    }
}
