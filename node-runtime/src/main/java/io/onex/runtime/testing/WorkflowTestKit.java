package io.onex.runtime.testing;

import com.google.inject.Module;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowRun;
import io.onex.runtime.workflow.WorkflowValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a YAML workflow in a unit test: the workflow engine of {@code onex run}, the nodes its steps name wired as the
 * runtime wires them (their contracts' retry, breaker and timeout included) on kafka-clients' {@code MockProducer},
 * with no broker, and any of them replaced by a {@link StepStub}. Time is virtual: a retry's backoff or a step's
 * timeout passes as soon as nothing else can happen, so a test of failure handling does not wait for it.
 *
 * <pre>{@code
 * try (WorkflowTestKit kit = WorkflowTestKit.forWorkflow(Path.of("workflows/document_triage.yaml"))
 *         .stub("kafka_event_effect", input -> Map.of("success", true))
 *         .build()) {
 *     WorkflowResult result = kit.run(Map.of("document_id", "d-1", "title", "Kafka", "body", "Short."));
 *     assertThat(result.outputs()).containsEntry("route", "short");
 *     assertThat(kit.callsTo("kafka_event_effect")).singleElement()
 *             .satisfies(in -> assertThat(in).containsEntry("topic", "enrichment.short-document.v1"));
 * }
 * }</pre>
 *
 * <p>Nodes that are not stubbed run for real (the Kafka effect node then publishes to the {@code MockProducer}: see
 * {@link #publishedTo}). Steps run one after another on the test's thread, parallel ones included. The run's workflow
 * events are in {@link #published()}. Not thread-safe: one test thread drives a kit.
 */
public final class WorkflowTestKit implements AutoCloseable {

    /** How long {@link #run} waits in real time for a step on a thread of its own before letting virtual time pass. */
    private static final long REAL_WAIT_MILLIS = 50;
    /** How long {@link #run} waits in real time, in all, for a run to end. */
    private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(30);

    private final WorkflowDefinition workflow;
    private final MutableClock clock;
    private final ManualScheduler scheduler;
    private final MockKafkaClients clients = new MockKafkaClients(true);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final StubbedNodes stubbed;
    private final OnexRuntime runtime;
    private final WorkflowEngine engine;

    private WorkflowTestKit(Builder b, WorkflowDefinition workflow, List<NodeContract> nodes) {
        this.workflow = workflow;
        this.clock = new MutableClock(b.start);
        this.scheduler = new ManualScheduler(clock);
        this.stubbed = new StubbedNodes(b.stubs);
        List<Module> modules = new ArrayList<>(b.modules);
        modules.add(binder -> binder.bind(StubbedNodes.class).toInstance(stubbed));
        this.runtime = KitRuntime.start(nodes, modules, b.environment, scheduler, clients);
        // the engine of onex run, its steps on the test's thread
        this.engine = runtime.workflowEngine().stepExecutor(Runnable::run).build();
    }

    /**
     * A kit for a workflow file, checked against the contracts of {@code contracts/} unless
     * {@link Builder#contracts(Path)} says otherwise.
     *
     * @param workflowFile the YAML workflow
     * @return a builder
     */
    public static Builder forWorkflow(Path workflowFile) {
        return new Builder(Objects.requireNonNull(workflowFile, "workflowFile"));
    }

    /** The workflow as loaded and validated. */
    public WorkflowDefinition workflow() {
        return workflow;
    }

    /**
     * Runs the workflow to its end with a fresh correlation id.
     *
     * @param inputs the run's inputs (checked against the workflow's declarations)
     * @return the result: completed, failed or cancelled, with outputs, step results and the error
     * @throws IllegalArgumentException listing every input problem, before anything runs
     * @throws IllegalStateException when the run has not ended after 30 s of real time
     */
    public WorkflowResult run(Map<String, ?> inputs) {
        return run(inputs, null);
    }

    /** {@link #run(Map)} under a given correlation id. */
    public WorkflowResult run(Map<String, ?> inputs, String correlationId) {
        WorkflowRun run = engine.start(workflow, inputs, correlationId, null);
        CompletableFuture<WorkflowResult> result = run.result().toCompletableFuture();
        long realDeadline = System.nanoTime() + REAL_TIME_LIMIT.toNanos();
        while (true) {
            scheduler.runDue();
            try {
                // a real node may work on a thread of its own: give it a moment before time moves on
                return result.get(REAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (System.nanoTime() > realDeadline) {
                    run.cancel();
                    throw new IllegalStateException("workflow " + workflow.name() + " has not ended after "
                            + REAL_TIME_LIMIT.toSeconds() + " s (virtual time passed: up to " + clock.instant() + ")");
                }
                scheduler.advanceToNextTask(); // the next backoff, timeout or timer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.cancel();
                throw new IllegalStateException("interrupted while workflow " + workflow.name() + " ran", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("workflow " + workflow.name() + " run failed to report", e.getCause());
            }
        }
    }

    /**
     * The inputs a stubbed node was called with, in order, one per attempt (a retried step appears once per attempt).
     *
     * @param node the node's contract name
     * @throws IllegalArgumentException when the node is not stubbed
     */
    public List<Map<String, Object>> callsTo(String node) {
        if (!stubbedNames().contains(node)) {
            throw new IllegalArgumentException("node " + node + " is not stubbed in this kit; stubbed: "
                    + stubbedNames());
        }
        return stubbed.callsTo(node);
    }

    /** Everything published: the runs' workflow events and what real effect nodes sent (not heartbeats, not DLQ). */
    public List<PublishedRecord> published() {
        return SentRecords.published(clients.producers(), codec, runtime.config()::resolveTopic);
    }

    /**
     * What was published to one topic, in order.
     *
     * @param topic an ONEX reference (resolved like the runtime does) or a full topic name
     */
    public List<PublishedRecord> publishedTo(String topic) {
        String full = runtime.config().resolveTopic(topic);
        return published().stream().filter(p -> p.topic().equals(full)).toList();
    }

    /** Every record written to a dead-letter topic. */
    public List<DeadLetterRecord> deadLetters() {
        return SentRecords.deadLetters(clients.producers(), codec);
    }

    /** The clock the runtime, the nodes and the engine read; it moves when a run needs time to pass. */
    public MutableClock clock() {
        return clock;
    }

    /** The runtime behind the kit (its nodes, metrics, health). */
    public OnexRuntime runtime() {
        return runtime;
    }

    /** Stops the nodes and the runtime. */
    @Override
    public void close() {
        runtime.close();
    }

    private Set<String> stubbedNames() {
        return stubbed.names();
    }

    /** Builds a started {@link WorkflowTestKit}. */
    public static final class Builder {
        private final Path workflowFile;
        private final List<Path> contracts = new ArrayList<>();
        private final Map<String, StepStub> stubs = new LinkedHashMap<>();
        private final List<Module> modules = new ArrayList<>();
        private Map<String, String> environment = Map.of();
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");

        private Builder(Path workflowFile) {
            this.workflowFile = workflowFile;
        }

        /** A contract folder or file to check the workflow against and to run nodes from (default {@code contracts}). */
        public Builder contracts(Path folderOrFile) {
            contracts.add(Objects.requireNonNull(folderOrFile, "folderOrFile"));
            return this;
        }

        /**
         * Replaces a node by a stub: its contract still decides retries, breaker and timeout, the stub answers.
         *
         * @param node the node's contract name, as the workflow's steps name it
         * @param stub the answer to each call
         */
        public Builder stub(String node, StepStub stub) {
            stubs.put(Objects.requireNonNull(node, "node"), Objects.requireNonNull(stub, "stub"));
            return this;
        }

        /** The environment for {@code ${env:...}} in the contracts and the runtime's configuration (default empty). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** Guice modules binding what the real nodes inject. */
        public Builder modules(Module... more) {
            modules.addAll(List.of(more));
            return this;
        }

        /** Where the clock starts (default 2026-01-01T00:00:00Z). */
        public Builder startingAt(Instant instant) {
            this.start = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /**
         * Loads the contracts and the workflow, then starts the nodes the workflow's steps name.
         *
         * @throws ContractValidationException when a contract is invalid
         * @throws WorkflowValidationException when the workflow is invalid, naming the file, line and field
         * @throws IllegalArgumentException when a stub names a node no step calls
         */
        public WorkflowTestKit build() throws ContractValidationException, WorkflowValidationException {
            ContractLoader loader = new ContractLoader(environment);
            List<NodeContract> all = new ArrayList<>();
            for (Path p : contracts.isEmpty() ? List.of(Path.of("contracts")) : contracts) {
                all.addAll(loader.loadAll(p));
            }
            WorkflowDefinition wf = WorkflowLoader.forContracts(all).load(workflowFile);
            Set<String> called = wf.nodeNames();
            Set<String> unknown = new LinkedHashSet<>(stubs.keySet());
            unknown.removeAll(called);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("stubs for " + unknown + ": no step of " + workflowFile
                        + " calls them; its steps call " + called);
            }
            List<NodeContract> nodes = new ArrayList<>();
            for (NodeContract c : all) {
                if (called.contains(c.name())) {
                    nodes.add(stubs.containsKey(c.name())
                            ? c.toBuilder().implementation(StubbedNodes.implementationFor(c)).build() : c);
                }
            }
            return new WorkflowTestKit(this, wf, nodes);
        }
    }
}
