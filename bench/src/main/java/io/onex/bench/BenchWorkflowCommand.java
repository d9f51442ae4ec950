package io.onex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.name.Names;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeType;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench workflow}: runs many workflows of 10 in-process compute steps (no Kafka) and prints steps per
 * second and the engine's overhead per step (p50, p99), with a baseline of the same node calls made directly. Each
 * step's overhead is the time from the previous step's end (or the run's start) to this step's end, less the time
 * spent inside the node: condition and input rendering, scheduling, output conversion, events to a no-op publisher,
 * listener calls.
 */
@Command(name = "workflow", description = "Measure the workflow engine: steps/s and per-step overhead (no Kafka).")
final class BenchWorkflowCommand implements Callable<Integer> {

    static final int STEPS = 10;

    @Option(names = "--workflows", defaultValue = "20000", description = "measured runs per thread (default: ${DEFAULT-VALUE})")
    int workflows;

    @Option(names = "--warmup", defaultValue = "5000", description = "unmeasured runs per thread first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "threads starting runs (default: ${DEFAULT-VALUE})")
    int threads;

    @Spec
    CommandSpec spec;

    /** The benchmark workflow: a chain of 10 compute steps, each reading the previous one; every other one conditional. */
    static String workflowYaml() {
        StringBuilder y = new StringBuilder("""
                name: bench_chain
                version: 1.0.0
                inputs:
                  n: {type: integer, required: true}
                  text: {type: string, required: true}
                steps:
                """);
        for (int i = 1; i <= STEPS; i++) {
            y.append("  - name: s").append(i).append("\n    type: compute\n    node: bench_compute\n");
            if (i > 1) {
                y.append("    depends_on: [s").append(i - 1).append("]\n");
            }
            if (i % 2 == 0) {
                y.append("    when: ${s").append(i - 1).append(".n >= 0}\n");
            }
            y.append("    input: {n: \"${").append(i == 1 ? "input" : "s" + (i - 1)).append(".n}\", text: \"${input.text}\"}\n");
        }
        y.append("outputs:\n  n: ${s").append(STEPS).append(".n}\n");
        return y.toString();
    }

    /** The in-process compute node: counts words and increments n. */
    static Map<String, Object> compute(Object input) {
        Map<?, ?> in = (Map<?, ?>) input;
        String text = (String) in.get("text");
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = !Character.isWhitespace(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", ((Number) in.get("n")).longValue() + 1);
        out.put("words", words);
        return out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WorkflowDefinition wf = new WorkflowLoader(Map.of("bench_compute", NodeType.COMPUTE))
                .parse(workflowYaml(), Path.of("bench_chain.yaml"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong events = new AtomicLong();
        try {
            Map<String, Object> input = Map.of("n", 0, "text", "the quick brown fox jumps over the lazy dog");
            out.printf("bench workflow: %d threads x %d runs of %d in-process compute steps (after %d warm-up runs per "
                    + "thread); events to a no-op publisher; no Kafka%n", threads, workflows, STEPS, warmup);
            out.flush();
            long baselineNanos = baseline(input, Math.max(1, workflows / 2));
            double baselineRate = (double) Math.max(1, workflows / 2) * STEPS / (baselineNanos / 1e9);

            long[][] overheads = new long[threads][];
            long[] wall = new long[1];
            Thread[] workers = new Thread[threads];
            CompletableFuture<Void> go = new CompletableFuture<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                workers[t] = new Thread(() -> {
                    go.join();
                    overheads[index] = runs(wf, input, scheduler, events, warmup, workflows);
                }, "bench-workflow-" + t);
                workers[t].start();
            }
            long t0 = System.nanoTime();
            go.complete(null);
            for (Thread w : workers) {
                w.join();
            }
            wall[0] = System.nanoTime() - t0;
            long[] all = Arrays.stream(overheads).flatMapToLong(Arrays::stream).sorted().toArray();
            long measuredSteps = (long) threads * workflows * STEPS;
            // warm-up runs are inside the wall time too; count them so the rate is honest
            long totalSteps = (long) threads * (workflows + warmup) * STEPS;
            out.printf("steps/s: %,.0f (%,d steps in %,d ms, warm-up included)%n", totalSteps / (wall[0] / 1e9),
                    totalSteps, wall[0] / 1_000_000);
            out.printf("per-step engine overhead over %,d steps: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                    measuredSteps, pct(all, 0.50) / 1e3, pct(all, 0.99) / 1e3, pct(all, 0.999) / 1e3,
                    all[all.length - 1] / 1e3);
            out.printf("baseline, same node called directly on 1 thread: %,.0f steps/s%n", baselineRate);
            out.printf("workflow events built and handed to the publisher: %,d%n", events.get());
            out.printf("targets: >= 10,000 steps/s %s; p99 overhead < 1 ms %s%n",
                    totalSteps / (wall[0] / 1e9) >= 10_000 ? "met" : "NOT met", pct(all, 0.99) < 1_000_000 ? "met" : "NOT met");
            out.flush();
            return 0;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static long baseline(Map<String, Object> input, int runs) {
        long t0 = System.nanoTime();
        long sink = 0;
        for (int r = 0; r < runs; r++) {
            Map<String, Object> in = new LinkedHashMap<>(input);
            for (int s = 0; s < STEPS; s++) {
                Map<String, Object> o = compute(in);
                in.put("n", o.get("n"));
                sink += (Integer) o.get("words");
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return System.nanoTime() - t0;
    }

    /** Runs warm-up then measured runs on this thread; returns the measured per-step overheads in nanoseconds. */
    private static long[] runs(WorkflowDefinition wf, Map<String, Object> input, ScheduledExecutorService scheduler,
            AtomicLong events, int warmup, int measured) {
        long[] nodeNanos = new long[STEPS + 1];
        long[] endNanos = new long[STEPS + 1];
        StepInvoker invoker = (node, in, call) -> {
            long t = System.nanoTime();
            Map<String, Object> result = compute(in);
            nodeNanos[Integer.parseInt(call.step().substring(1))] = System.nanoTime() - t;
            return CompletableFuture.completedFuture(result);
        };
        WorkflowListener listener = new WorkflowListener() {
            @Override
            public void stepFinished(StepResult r) {
                endNanos[Integer.parseInt(r.name().substring(1))] = System.nanoTime();
            }
        };
        WorkflowEngine engine = engine(invoker, scheduler, new NoOpPublisher(events));
        long[] overheads = new long[measured * STEPS];
        int k = 0;
        for (int r = 0; r < warmup + measured; r++) {
            endNanos[0] = System.nanoTime();
            // in-process nodes complete at once, so the whole run happens inside start()
            WorkflowResult result = engine.start(wf, input, null, listener).result().toCompletableFuture().join();
            if (result.status() != WorkflowResult.Status.COMPLETED) {
                throw new IllegalStateException("bench workflow failed: " + result.error());
            }
            if (r >= warmup) {
                for (int s = 1; s <= STEPS; s++) {
                    overheads[k++] = endNanos[s] - endNanos[s - 1] - nodeNanos[s];
                }
            }
        }
        return overheads;
    }

    /**
     * The engine as the runtime wires it ({@link WorkflowModule}), with the in-process nodes, the no-op publisher and
     * the bench's scheduler in place of the runtime's.
     */
    static WorkflowEngine engine(StepInvoker invoker, ScheduledExecutorService scheduler, EventPublisher events) {
        Injector injector = Guice.createInjector(new WorkflowModule(invoker, "bench-workflow-engine"), binder -> {
            binder.bind(ObjectMapper.class).toInstance(new ObjectMapper()); // as the figures in docs/workflows.md were taken
            binder.bind(ScheduledExecutorService.class).toInstance(scheduler);
            binder.bind(Clock.class).toInstance(Clock.systemUTC());
            binder.bind(EventPublisher.class).annotatedWith(Names.named(WorkflowModule.EVENTS)).toInstance(events);
        });
        return injector.getInstance(WorkflowEngine.Builder.class).build();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Accepts every event at once, counting them. */
    private record NoOpPublisher(AtomicLong count) implements EventPublisher {
        @Override
        public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
            count.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
            count.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
    }
}
