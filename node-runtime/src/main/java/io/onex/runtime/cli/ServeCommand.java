package io.onex.runtime.cli;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeStartupException;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code onex serve}: runs the nodes of a contracts folder until stopped (or for a given time). */
@Command(name = "serve", description = "Start the nodes of a contracts folder (embedded broker unless --bootstrap or"
        + " KAFKA_BOOTSTRAP_SERVERS names a cluster). A named cluster must answer within 5 s, or within"
        + " --wait-for-broker.", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:stopped (Ctrl-C or --timeout)", "1:a node or part failed to start",
                "2:usage or configuration error (bad option, bad contract)",
                "3:the cluster cannot be reached (within 5 s, or --wait-for-broker), or refused authentication"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--contracts", defaultValue = "contracts", description = "contract file or folder (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded broker)")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "stop after this long, e.g. 30s or 5m (default: until Ctrl-C)")
    String duration;

    /** The former spelling of {@code --timeout} (picocli applies defaults after parsing: a field of its own). */
    @Option(names = "--for", paramLabel = "DURATION", hidden = true)
    String legacyFor;

    @Option(names = "--http-port", description = "port of /metrics and /health (overrides ONEX_HTTP_PORT; 0 = any free port, -1 = off)")
    Integer httpPort;

    @Option(names = "--wait-for-broker", paramLabel = "DURATION", description = "wait up to this long for the cluster"
            + " to answer before starting, printing a line per try (for orchestrated starts where the broker may come"
            + " up later), e.g. 2m (default: fail if it does not answer within 5 s)")
    String waitForBroker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (legacyFor != null) {
            duration = legacyFor;
        }
        Duration runFor = duration == null ? null : Durations.parse(duration, "--timeout");
        OnexRuntime.Builder builder = OnexRuntime.builder().contracts(contracts);
        if (httpPort != null) {
            builder.httpPort(httpPort);
        }
        if (bootstrap != null) {
            builder.bootstrapServers(bootstrap);
        }
        Duration patience = waitForBroker == null ? null : Durations.parse(waitForBroker, "--wait-for-broker");
        Progress progress = new Progress(spec.commandLine().getErr());
        OnexRuntime runtime = builder.build();
        if (patience != null) {
            if (runtime.config().bootstrapServers().isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--wait-for-broker needs a cluster"
                        + " (--bootstrap or KAFKA_BOOTSTRAP_SERVERS): the embedded broker needs no wait");
            }
            try {
                BrokerWait.await(runtime.config().bootstrapServers().get(), System.getenv(), patience, progress);
            } catch (ClusterUnreachableException e) {
                // the last try's own timeout is not what the operator asked to wait
                return unreachable(e.getMessage().replaceFirst(" within \\d+ s", " within --wait-for-broker "
                        + waitForBroker));
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "onex-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        progress.line("starting %d node(s) on %s ...", runtime.contracts().size(), Progress.cluster(bootstrap));
        try {
            runtime.start();
        } catch (RuntimeStartupException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            if (e.getCause() instanceof ClusterUnreachableException u) {
                return unreachable(u.getMessage());
            }
            throw e;
        }
        progress.line("started; %s", runFor == null ? "Ctrl-C stops them" : "stopping in " + duration);
        var out = spec.commandLine().getOut();
        out.println("bootstrap=" + runtime.bootstrapServers());
        if (runtime.httpPort() > 0) {
            out.println("http=http://127.0.0.1:" + runtime.httpPort() + "  (/metrics, /health)");
        }
        for (NodeContract c : runtime.contracts()) {
            out.printf("node %-28s %-12s %-8s %s%n", c.name(), runtime.nodeId(c.name()), c.version(), c.nodeType().wireName());
        }
        out.flush();
        if (runFor == null) {
            stopped.await();
        } else {
            stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            runtime.close();
        }
        return 0;
    }

    private int unreachable(String message) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return ClusterCommand.UNREACHABLE;
    }
}
