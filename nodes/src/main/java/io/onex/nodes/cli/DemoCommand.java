package io.onex.nodes.cli;

import io.onex.api.contract.NodeContract;
import io.onex.nodes.agentlog.AgentEventSamples;
import io.onex.nodes.agentlog.AgentIntelligenceLogger;
import io.onex.nodes.agentlog.AgentTopic;
import io.onex.nodes.dbadapter.NodeBridgeDatabaseAdapterEffect;
import io.onex.nodes.orchestrator.StampClient;
import io.onex.nodes.orchestrator.StampResult;
import io.onex.nodes.reducer.NamespaceTotals;
import io.onex.nodes.reducer.NodeBridgeReducer;
import io.onex.nodes.registry.NodeBridgeRegistry;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.Durations;
import io.onex.runtime.contract.ContractLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onex demo}: every bridge node in one runtime on embedded defaults (broker, and the embedded database unless
 * {@code ONEX_DATABASE_URL} is set), every file of the given folders stamped through the orchestrator, then the
 * stamps, the reducer's aggregates per namespace (a namespace per folder), the registry's node table and the
 * database's rows; a few agent intelligence events of each kind are published and the logger's rows shown too. Stops everything it started.
 */
@Command(name = "demo", description = "Start every bridge node on embedded defaults, stamp the files of the given"
        + " folders through the orchestrator, and print the stamps, the aggregates per namespace, the registry's"
        + " nodes and the database's rows.")
final class DemoCommand implements Callable<Integer> {
    /** Heartbeats in the demo: often enough that the table shows some within its run. */
    static final Duration DEMO_HEARTBEAT = Duration.ofSeconds(2);
    private static final int CONCURRENT_STAMPS = 4;
    private static final String REDUCER = "bridge_reducer";
    private static final String REGISTRY = "bridge_registry";
    private static final String DATABASE_ADAPTER = "bridge_database_adapter";
    private static final String AGENT_LOGGER = "agent_intelligence_logger";
    private static final int AGENT_EVENTS_PER_KIND = 3;

    @Parameters(paramLabel = "FOLDER", arity = "0..*",
            description = "folders whose files are stamped, each its own namespace (default: contracts workflows)")
    List<Path> folders = new ArrayList<>(List.of(Path.of("contracts"), Path.of("workflows")));

    @Option(names = "--contracts", defaultValue = "contracts",
            description = "the nodes' contracts (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "50s",
            description = "give up when the aggregates and rows are not all in by then (default: ${DEFAULT-VALUE})")
    String timeoutText;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded broker)")
    String bootstrap;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration timeout = Durations.parse(timeoutText, "--timeout");
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr(); // progress; the tables go to out
        List<DemoFile> files = files();
        Path embeddedDb = Files.createTempFile("onex-demo-", ".db");
        Map<String, String> env = demoEnvironment(System.getenv(), embeddedDb);
        if (bootstrap != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        }
        List<NodeContract> nodes = new ContractLoader(env).loadAll(contracts).stream()
                .map(c -> c.toBuilder().heartbeatInterval(DEMO_HEARTBEAT).build()).toList();
        progress(err, t0, "starting %d nodes (%s) ...", nodes.size(),
                env.containsKey("KAFKA_BOOTSTRAP_SERVERS") ? "cluster " + env.get("KAFKA_BOOTSTRAP_SERVERS")
                        : "embedded Kafka broker");
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(nodes).environment(env).httpPort(-1).build()) {
            runtime.start();
            NodeBridgeDatabaseAdapterEffect adapter = runtime.node(DATABASE_ADAPTER, NodeBridgeDatabaseAdapterEffect.class);
            progress(err, t0, "started on %s; database: %s", runtime.bootstrapServers(), adapter.database().describe());

            List<StampResult> stamps = stampAll(runtime, files, err, t0);
            AgentIntelligenceLogger agents = publishAgentEvents(runtime, err, t0);
            Map<String, Long> expected = new LinkedHashMap<>();
            files.forEach(f -> expected.merge(f.namespace(), 1L, Long::sum));

            NodeBridgeReducer reducer = runtime.node(REDUCER, NodeBridgeReducer.class);
            progress(err, t0, "waiting for the reducer's windows (closed every %s) ...", reducer.config().windowTime());
            await(() -> expected.entrySet().stream().allMatch(e -> {
                NamespaceTotals t = reducer.totals().get(e.getKey());
                return t != null && t.totalStamps() >= e.getValue();
            }), deadline, "the reducer's aggregates of " + expected);
            progress(err, t0, "waiting for the database adapter's batches ...");
            // aggregation-completed is a window's last event: once its bridge_states row is in, the window's are too
            await(() -> {
                Map<String, Long> rows = adapter.database().rowCounts();
                return rows.getOrDefault("metadata_stamps", 0L) >= files.size()
                        && rows.getOrDefault("bridge_states", 0L) >= expected.size();
            }, deadline, files.size() + " rows in metadata_stamps and " + expected.size() + " in bridge_states");
            if (agents != null) {
                await(() -> agents.database().rowCounts().values().stream().allMatch(n -> n >= AGENT_EVENTS_PER_KIND),
                        deadline, AGENT_EVENTS_PER_KIND + " rows in each agent intelligence table");
            }

            printStamps(out, stamps);
            printAggregates(out, reducer.totals());
            out.println();
            out.println("Nodes (registry " + runtime.nodeId(REGISTRY) + "):");
            out.print(NodeTable.render(runtime.node(REGISTRY, NodeBridgeRegistry.class).directory().all(),
                    Clock.systemUTC().instant()));
            out.println();
            out.println("Database rows (" + adapter.database().describe() + "):");
            adapter.database().rowCounts().forEach((table, rows) -> out.printf("  %-20s %d%n", table, rows));
            if (agents != null) {
                out.println();
                out.println("Agent intelligence rows (" + agents.database().describe() + "):");
                agents.database().rowCounts().forEach((table, rows) -> out.printf("  %-27s %d%n", table, rows));
            }
            out.println();
            progress(err, t0, "done: %d files stamped; stopping", stamps.size());
        } finally {
            Files.deleteIfExists(embeddedDb);
        }
        out.printf("demo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /** One file to stamp and the namespace it goes to. */
    record DemoFile(Path path, String namespace) {
    }

    private List<DemoFile> files() throws IOException {
        List<DemoFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "FOLDER: " + folder
                        + " is not a folder: expected folders of files to stamp (default: contracts workflows)");
            }
            String namespace = folder.toAbsolutePath().normalize().getFileName().toString();
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> files.add(new DemoFile(p, namespace)));
            }
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FOLDER: no files under " + folders);
        }
        return files;
    }

    /** The process environment with the demo's short windows and its own embedded database file. */
    static Map<String, String> demoEnvironment(Map<String, String> processEnv, Path embeddedDb) {
        Map<String, String> env = new HashMap<>(processEnv);
        env.putIfAbsent("BRIDGE_REDUCER_WINDOW_TIME", "1s");
        env.putIfAbsent("DB_ADAPTER_EMBEDDED_FILE", embeddedDb.toString());
        return env;
    }


    private static List<StampResult> stampAll(OnexRuntime runtime, List<DemoFile> files, PrintWriter out, long t0)
            throws InterruptedException {
        StampClient client = StampClient.of(runtime);
        Semaphore slots = new Semaphore(CONCURRENT_STAMPS);
        List<CompletableFuture<StampResult>> runs = new ArrayList<>();
        int[] done = {0};
        for (DemoFile f : files) {
            slots.acquire();
            CompletableFuture<StampResult> run = client.stampFile(f.path(), f.namespace()).toCompletableFuture();
            run.whenComplete((r, e) -> {
                slots.release();
                synchronized (done) {
                    done[0]++;
                    progress(out, t0, "[%2d/%d] %-45s %s", done[0], files.size(), f.path(),
                            e != null ? "FAILED: " + e.getMessage() : r.state());
                }
            });
            runs.add(run);
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    /** A few events of each agent intelligence kind, published as the agent framework would; null without the logger. */
    private static AgentIntelligenceLogger publishAgentEvents(OnexRuntime runtime, PrintWriter out, long t0) {
        if (runtime.contracts().stream().noneMatch(c -> c.name().equals(AGENT_LOGGER))) {
            return null;
        }
        String correlationId = java.util.UUID.randomUUID().toString();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (AgentTopic t : AgentTopic.values()) {
            for (int n = 0; n < AGENT_EVENTS_PER_KIND; n++) {
                sent.add(runtime.publisher(AGENT_LOGGER).publish(AgentEventSamples.event(t, n, correlationId))
                        .toCompletableFuture());
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        progress(out, t0, "published %d agent intelligence events (%d of each of %d kinds)", sent.size(),
                AGENT_EVENTS_PER_KIND, AgentTopic.values().length);
        return runtime.node(AGENT_LOGGER, AgentIntelligenceLogger.class);
    }

    private static void printStamps(PrintWriter out, List<StampResult> stamps) {
        out.println();
        out.println("Stamps:");
        out.printf("  %-45s %-64s  %s%n", "FILE", "BLAKE3", "STAMP ID");
        for (StampResult s : stamps) {
            out.printf("  %-45s %-64s  %s%n", s.fileName(), s.fileHash(), s.stampId());
        }
    }

    private static void printAggregates(PrintWriter out, Map<String, NamespaceTotals> totals) {
        out.println();
        out.println("Aggregates per namespace (bridge_reducer):");
        out.printf("  %-12s %7s %12s %10s %9s  %s%n", "NAMESPACE", "STAMPS", "BYTES", "WORKFLOWS", "WINDOWS",
                "FILE TYPES");
        totals.values().forEach(t -> out.printf("  %-12s %7d %12d %10d %9d  %s%n", t.namespace(), t.totalStamps(),
                t.totalSizeBytes(), t.totalWorkflows(), t.windowsCompleted(), String.join(",", t.fileTypes())));
    }

    private static void await(BooleanSupplier condition, long deadlineNanos, String what) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("timed out waiting for " + what
                        + " (raise --timeout, or look at the log above for failed nodes)");
            }
            Thread.sleep(100); // a progress poll of another component's state, not a test
        }
    }

    private static void progress(PrintWriter out, long t0, String format, Object... args) {
        out.printf("[%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
        out.flush();
    }
}
