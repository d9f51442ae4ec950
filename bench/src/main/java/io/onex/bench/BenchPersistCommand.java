package io.onex.bench;

import io.onex.api.EventEnvelope;
import io.onex.api.contract.NodeContract;
import io.onex.nodes.database.DatabaseSettings;
import io.onex.nodes.dbadapter.AdapterDatabase;
import io.onex.nodes.dbadapter.MappedBridgeEvents;
import io.onex.nodes.dbadapter.NodeBridgeDatabaseAdapterEffect;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench persist}: pre-loads N bridge events (a realistic mix, {@link BenchEventMix}) into the broker,
 * starts {@code bridge_database_adapter} on them and measures until every event is committed in PostgreSQL (the
 * group's offsets reach the log end: an offset is committed only after its batch's transaction). The reference, in
 * the same run: the same rows written with the adapter's own SQL by plain JDBC batches of the same size, events
 * already decoded, no Kafka. Each contender writes into a schema of its own, dropped at the end.
 */
@Command(name = "persist", mixinStandardHelpOptions = true,
        description = "Persist rate of bridge_database_adapter (Kafka to PostgreSQL) vs plain JDBC batches of the same rows.")
final class BenchPersistCommand implements Callable<Integer> {

    private static final String NODE = "bridge_database_adapter";
    private static final String GROUP = "database_adapter_consumers";

    @Option(names = "--events", defaultValue = "200000", description = "events to persist (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--bootstrap", description = "broker to use (default: start an embedded one)")
    String bootstrap;

    @Option(names = {"--contracts", "--contract"}, defaultValue = "contracts",
            description = "the adapter's contract: a contracts folder (its bridge_database_adapter.yaml) or the file"
                    + " (default: ${DEFAULT-VALUE}; --contract is the former name)")
    Path contract;

    @Option(names = "--keep", description = "keep the bench schemas (bench_*) instead of dropping them")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be >= 1, but was " + events);
        }
        PrintWriter out = spec.commandLine().getOut();
        String url = System.getenv().getOrDefault("ONEX_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("bench persist needs PostgreSQL: ONEX_DATABASE_URL must start with"
                    + " jdbc:postgresql:");
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String refSchema = "bench_ref_" + suffix;
        String nodeSchema = "bench_node_" + suffix;
        try {
            BenchBroker.run(bootstrap, (servers, embedded) -> run(out, url, servers, suffix, refSchema, nodeSchema));
        } finally {
            if (!keep) {
                drop(url, refSchema, nodeSchema);
            }
        }
        return 0;
    }

    private void run(PrintWriter out, String url, String servers, String suffix, String refSchema, String nodeSchema)
            throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        List<EventEnvelope> mix = new BenchEventMix().generate(events);
        MappedBridgeEvents writes = MappedBridgeEvents.map(mix, codec.mapper());
        Map<String, Long> expected = writes.expectedRowCounts();

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ONEX_TENANT", "bench_" + suffix);
        env.put("ONEX_DATABASE_URL", url);
        env.put("DB_ADAPTER_SCHEMA", nodeSchema);
        env.put("ONEX_CREATE_TOPICS", "true");
        NodeContract c = new ContractLoader(env).load(java.nio.file.Files.isDirectory(contract)
                ? contract.resolve("bridge_database_adapter.yaml") : contract);
        int batchSize = c.consumer().map(x -> x.batchSize()).orElse(500);
        out.printf("bench persist: %d events (%s), broker %s, PostgreSQL %s, batch_size %d, max_poll_records %d,"
                + " max_in_flight %d, heap max %d MB%n", events, expected, servers, DatabaseSettings.postgres(url, null)
                        .describe(), batchSize, c.consumer().map(x -> x.maxPollRecords()).orElse(0),
                c.consumer().map(x -> x.maxInFlight()).orElse(0), Runtime.getRuntime().maxMemory() >> 20);
        out.flush();

        long refCpu0 = BenchFigures.processCpuNanos();
        double reference = reference(url, refSchema, writes, batchSize, expected);
        double refCpuPerEvent = (BenchFigures.processCpuNanos() - refCpu0) / 1e3 / events;
        out.printf("reference: plain JDBC batches of %d (the adapter's SQL, events already decoded, no Kafka):"
                + " %d events in %.2f s = %.0f events/s, this process %.1f us cpu/event; load average %.2f%n",
                batchSize, events, events / reference, reference, refCpuPerEvent, loadAverage());
        out.flush();

        Map<TopicPartition, Long> ends = preload(env, servers, mix, codec, out);
        long t0 = System.nanoTime();
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(List.of(c)).environment(env)
                .bootstrapServers(servers).httpPort(-1).build().start();
                Admin admin = Admin.create(KafkaClientProperties.admin(runtime.config().kafkaClientProperties()))) {
            long started = System.nanoTime();
            long cpu0 = BenchFigures.processCpuNanos();
            long consumerCpu0 = consumerThreadCpuNanos();
            awaitCommitted(admin, ends, Duration.ofMinutes(10));
            long t1 = System.nanoTime();
            double cpuPerEvent = (BenchFigures.processCpuNanos() - cpu0) / 1e3 / events;
            double consumerCpuPerEvent = (consumerThreadCpuNanos() - consumerCpu0) / 1e3 / events;
            Map<String, Long> rows = runtime.node(NODE, NodeBridgeDatabaseAdapterEffect.class).database().rowCounts();
            double rate = events / ((t1 - started) / 1e9);
            out.printf("adapter: %d events from the broker into PostgreSQL in %.2f s = %.0f events/s (%.2f s with"
                    + " runtime start-up = %.0f events/s), this process (broker included) %.1f us cpu/event; load"
                    + " average %.2f; rows %s%n", events, (t1 - started) / 1e9, rate, (t1 - t0) / 1e9,
                    events / ((t1 - t0) / 1e9), cpuPerEvent, loadAverage(), rows);
            check(rows, expected);
            var batches = runtime.meterRegistry().find("onex.node.batch.size").tag("node", NODE).summary();
            out.printf("adapter batches: %d, mean %.0f events, max %.0f%n", batches == null ? 0 : batches.count(),
                    batches == null ? 0.0 : batches.mean(), batches == null ? 0.0 : batches.max());
            out.printf("persist_ratio=%.3f adapter=%.0f events/s reference=%.0f events/s cpu_us_per_event=%.1f"
                    + " consumer_thread_cpu_us_per_event=%.1f reference_cpu_us_per_event=%.1f events=%d"
                    + " batch_size=%d load_average=%.2f%n", rate / reference, rate, reference, cpuPerEvent,
                    consumerCpuPerEvent, refCpuPerEvent, events, batchSize, loadAverage());
            out.flush();
        }
    }

    private static double reference(String url, String schema, MappedBridgeEvents writes, int batchSize,
            Map<String, Long> expected) throws Exception {
        try (AdapterDatabase db = AdapterDatabase.open(DatabaseSettings.postgres(url, schema))) {
            long t0 = System.nanoTime();
            writes.writeInBatches(db, batchSize, Clock.systemUTC());
            double rate = writes.size() / ((System.nanoTime() - t0) / 1e9);
            check(db.rowCounts(), expected);
            return rate;
        }
    }

    private Map<TopicPartition, Long> preload(Map<String, String> env, String servers, List<EventEnvelope> mix,
            EnvelopeCodec codec, PrintWriter out) throws Exception {
        io.onex.runtime.config.RuntimeConfig rc = io.onex.runtime.config.RuntimeConfig.fromEnvironment(env)
                .withBootstrapServers(servers);
        Set<String> topics = new HashSet<>();
        mix.forEach(e -> topics.add(rc.resolveTopic(MappedBridgeEvents.topicOf(e.eventType()))));
        try (Admin admin = Admin.create(KafkaClientProperties.admin(rc.kafkaClientProperties()))) {
            new TopicProvisioner(admin, 3, (short) 1, rc.compressionType()).ensureTopics(List.copyOf(topics),
                    Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientProperties.producer(
                    rc.kafkaClientProperties(), "onex-bench-persist", ProducerTuning.events(rc)))) {
                List<Future<RecordMetadata>> sent = new ArrayList<>(mix.size());
                for (EventEnvelope e : mix) {
                    sent.add(producer.send(new ProducerRecord<>(rc.resolveTopic(MappedBridgeEvents.topicOf(e.eventType())),
                            e.correlationId().getBytes(StandardCharsets.UTF_8), codec.encode(e))));
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get(); // every record delivered, or the bench stops here
                }
            }
            out.printf("pre-loaded %d events into %d topics (3 partitions each) in %.2f s%n", mix.size(), topics.size(),
                    (System.nanoTime() - t0) / 1e9);
            out.flush();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static void awaitCommitted(Admin admin, Map<TopicPartition, Long> ends, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue()));
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the adapter did not commit every event within " + timeout.toSeconds()
                        + " s");
            }
            Thread.sleep(20); // polling the group's offsets: a command, not a test
        }
    }

    /**
     * CPU time of the adapter's consumer thread (decoding, mapping, handing to the writer): unlike the process's, it
     * leaves out the broker and the database driver, and it counts no time spent waiting for a core.
     */
    private static long consumerThreadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals("onex-consumer-" + NODE)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** The machine's 1-minute load average: other work on the 2 cores moves these figures a lot. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Every table as expected; node_registrations may also hold the running nodes' own introspection. */
    private static void check(Map<String, Long> rows, Map<String, Long> expected) {
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            long have = rows.getOrDefault(e.getKey(), -1L);
            boolean ok = e.getKey().equals("node_registrations") ? have >= e.getValue() : have == e.getValue();
            if (!ok) {
                throw new IllegalStateException(e.getKey() + " holds " + have + " rows, expected " + e.getValue());
            }
        }
    }

    private static void drop(String url, String... schemas) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String s : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE"); // generated names
            }
        } catch (Exception e) {
            System.err.println("bench persist: could not drop the bench schemas: " + e.getMessage());
        }
    }
}
