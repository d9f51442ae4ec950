package io.onex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.nodes.dbadapter.MappedBridgeEvents;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.envelope.PayloadConversion;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench decode}: the consumer side's CPU per event without Kafka or a database, on the bench persist
 * event mix ({@link BenchEventMix}) as the codec writes it. Per round, on one thread, the CPU time of: decoding every
 * record value into an envelope; decoding it and mapping it to the database adapter's write (what the adapter's
 * consumer thread does per event); decoding it and binding its payload to a class (what a node whose input type is a
 * class gets); and, as the same-run baseline, a plain {@code ObjectMapper.readTree} of the same bytes. Figures are
 * medians of the rounds, in nanoseconds of thread CPU per event.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "CPU per event of envelope decoding (and the adapter's mapping, and binding to a class) vs a"
                + " plain ObjectMapper.readTree of the same bytes; no Kafka.")
final class BenchDecodeCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "50000", description = "events per round (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rounds", defaultValue = "7", description = "measured rounds, after 3 warm-up rounds"
            + " (default: ${DEFAULT-VALUE})")
    int rounds;

    @Spec
    CommandSpec spec;

    private static volatile long blackhole;

    /** What a node with a class as input type would declare: some of the mix's payload fields. */
    record BenchInput(String workflow_id, String workflow_type, String workflow_state, String namespace,
            Long duration_ms) {
    }

    @Override
    public Integer call() throws Exception {
        if (events < 1 || rounds < 1) {
            throw new IllegalArgumentException("--events and --rounds must be >= 1, but were " + events + " and "
                    + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        EnvelopeCodec codec = new EnvelopeCodec();
        ObjectMapper mapper = codec.mapper();
        List<byte[]> values = new ArrayList<>(events);
        long bytes = 0;
        for (EventEnvelope e : new BenchEventMix().generate(events)) {
            byte[] v = codec.encode(e);
            values.add(v);
            bytes += v.length;
        }
        out.printf("bench decode: %d events (the bench persist mix), %d bytes/event on average, %d rounds after 3"
                + " warm-up rounds, thread CPU%n", events, bytes / events, rounds);
        out.flush();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] figures = new double[4][rounds];
        long sink = 0;
        for (int r = -3; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (byte[] v : values) {
                sink += mapper.readTree(v).size();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (byte[] v : values) {
                sink += codec.decode(v).eventId().length();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            List<EventEnvelope> decoded = new ArrayList<>(values.size());
            for (byte[] v : values) {
                decoded.add(codec.decode(v));
            }
            sink += MappedBridgeEvents.map(decoded, mapper).size();
            long t3 = cpu.getCurrentThreadCpuTime();
            for (byte[] v : values) {
                sink += bind(codec, v).hashCode();
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                figures[0][r] = (t1 - t0) / (double) events;
                figures[1][r] = (t2 - t1) / (double) events;
                figures[2][r] = (t3 - t2) / (double) events;
                figures[3][r] = (t4 - t3) / (double) events;
            }
        }
        double readTree = BenchFigures.median(figures[0]);
        double decode = BenchFigures.median(figures[1]);
        out.printf("rounds (ns/event): readtree %s, decode %s, decode_persist_map %s, decode_bind %s%n",
                BenchFigures.rounded(figures[0]), BenchFigures.rounded(figures[1]), BenchFigures.rounded(figures[2]),
                BenchFigures.rounded(figures[3]));
        out.printf("decode_ns_per_event=%.0f decode_persist_map_ns_per_event=%.0f decode_bind_ns_per_event=%.0f"
                + " readtree_ns_per_event=%.0f decode_ratio=%.3f events=%d rounds=%d%n", decode,
                BenchFigures.median(figures[2]), BenchFigures.median(figures[3]), readTree, decode / readTree, events,
                rounds);
        out.flush();
        blackhole = sink; // keeps the JIT from dropping the work
        return 0;
    }

    /** As the runtime hands a consumed record to a node whose input type is a class. */
    private static BenchInput bind(EnvelopeCodec codec, byte[] value) {
        return PayloadConversion.convert(codec.mapper(), codec.decode(value).payload(), BenchInput.class);
    }
}
