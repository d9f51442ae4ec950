package io.onex.runtime.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeStartupException;
import io.onex.runtime.ops.ClusterUnreachableException;
import io.onex.runtime.RuntimeWorkflows;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowRun;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onex run WORKFLOW --input JSON}: validates the workflow against the contracts, starts a runtime of the nodes
 * its steps name (embedded broker unless {@code --bootstrap} or {@code KAFKA_BOOTSTRAP_SERVERS} names a cluster), runs the workflow printing each step as it starts and
 * finishes, then prints the outputs as JSON. Exit 0 when the workflow completed, 1 otherwise.
 */
@Command(name = "run", description = "Run a workflow: print each step's progress, then the outputs as JSON.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the workflow completed",
                "1:the workflow failed or timed out", "2:usage or configuration error (bad option, workflow, input)",
                "3:the cluster cannot be reached within 5 s, or refused authentication"})
final class RunCommand implements Callable<Integer> {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "a workflow file, e.g. workflows/document_ingestion.yaml")
    Path workflow;

    @Option(names = "--input", defaultValue = "{}",
            description = "the inputs as a JSON object, or @FILE to read them from a file (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--contracts", defaultValue = "contracts", description = "contract folder (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded broker)")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "give up waiting for the workflow after this long, e.g. 2m (default: the workflow's own timeout)")
    String timeoutText;

    @Option(names = "--correlation-id", description = "the run's correlation id (default: a new UUID)")
    String correlationId;

    @Option(names = "--all-nodes", description = "start every node of the contract folder, not only the nodes the"
            + " workflow's steps name (for steps that call an orchestrator whose own steps must run beside it)")
    boolean allNodes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration timeout = timeoutText == null ? null : Durations.parse(timeoutText, "--timeout");
        ObjectMapper mapper = EnvelopeCodec.defaultMapper();
        Map<String, Object> inputs = inputs(mapper);
        List<NodeContract> loaded = new ContractLoader(System.getenv()).loadAll(contracts);
        WorkflowDefinition wf = WorkflowLoading.loader(loaded, System.getenv()).load(workflow);
        if (!wf.warnings().isEmpty()) {
            err.println(wf.warningMessage());
        }
        // input problems are reported before a broker is started
        WorkflowEngine.checkInputs(wf, inputs);
        List<NodeContract> started = allNodes ? loaded : stepNodes(wf, loaded);
        OnexRuntime.Builder builder = OnexRuntime.builder().contracts(started).httpPort(-1);
        if (bootstrap != null) {
            builder.bootstrapServers(bootstrap);
        }
        Progress progress = new Progress(err);
        try (OnexRuntime runtime = builder.build()) {
            progress.line("starting %d node(s) (%s) on %s ...", started.size(),
                    String.join(", ", started.stream().map(NodeContract::name).toList()), Progress.cluster(bootstrap));
            try {
                runtime.start();
            } catch (RuntimeStartupException e) {
                if (e.getCause() instanceof ClusterUnreachableException u) {
                    err.println("error: " + u.getMessage());
                    err.flush();
                    return ClusterCommand.UNREACHABLE;
                }
                throw e;
            }
            progress.line("started");
            try (RuntimeWorkflows workflows = RuntimeWorkflows.open(runtime)) {
                workflows.prepare(wf);
                print(out, "running workflow %s %s on %s", wf.name(), wf.version(), runtime.bootstrapServers());
                WorkflowRun run = workflows.engine().start(wf, inputs, correlationId, new StepProgress(out));
                WorkflowResult result;
                try {
                    result = timeout == null ? run.result().toCompletableFuture().get()
                            : run.result().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("workflow " + wf.name() + " did not finish within --timeout "
                            + timeoutText + " (workflow_id " + run.workflowId() + ")");
                }
                print(out, "workflow_id=%s correlation_id=%s", run.workflowId(), run.correlationId());
                if (result.status() != WorkflowResult.Status.COMPLETED) {
                    WorkflowResult.WorkflowError e = result.error();
                    err.println("workflow " + wf.name() + " " + result.status().wireName()
                            + (e.step() != null ? " at step " + e.step() : "") + ": " + e.message());
                    err.flush();
                    return 1;
                }
                print(out, "workflow %s completed in %d ms; outputs:", wf.name(), result.duration().toMillis());
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.outputs()));
                out.flush();
                return 0;
            }
        }
    }

    /**
     * The contracts of the nodes the workflow's steps name (failure handlers included), in folder order: a run does
     * not start the folder's consumers, databases and timers it never calls.
     */
    static List<NodeContract> stepNodes(WorkflowDefinition wf, List<NodeContract> loaded) {
        return loaded.stream().filter(c -> wf.nodeNames().contains(c.name())).toList();
    }

    private Map<String, Object> inputs(ObjectMapper mapper) {
        String text = input;
        String what = "--input";
        if (input.startsWith("@")) {
            Path file = Path.of(input.substring(1));
            what = "--input " + input;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(what + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        try {
            return mapper.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalArgumentException(what + ": expected a JSON object like '{\"document_id\": \"doc-1\"}', "
                    + "but was '" + text.strip() + "'");
        }
    }

    private static void print(PrintWriter out, String format, Object... args) {
        synchronized (out) {
            out.printf(format + "%n", args);
            out.flush();
        }
    }

    /** One line per step as it starts and as it finishes. */
    private record StepProgress(PrintWriter out) implements WorkflowListener {
        @Override
        public void stepStarted(String step) {
            print(out, "  %-10s %s", "started", step);
        }

        @Override
        public void stepFinished(StepResult r) {
            String tail = r.error() == null ? "" : "  " + r.error();
            print(out, "  %-10s %s (%d ms)%s", r.status().wireName(), r.name(), r.duration().toMillis(), tail);
        }
    }
}
