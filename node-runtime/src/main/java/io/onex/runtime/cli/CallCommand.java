package io.onex.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.pipeline.CallOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onex call NODE --input JSON}: calls a live node of the network by request and reply over Kafka, as a runtime
 * without nodes of its own, and prints the node's output as JSON (docs/remote-calls.md).
 */
@Command(name = "call", description = "Call a live node of the network with an input and print its output as JSON.")
final class CallCommand implements Callable<Integer> {
    /** How long the network's introspections and heartbeats are read before a node is declared not live. */
    private static final Duration DISCOVERY = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "NODE", description = "the node's contract name")
    String node;

    @Option(names = "--input", defaultValue = "{}", description = "the input as JSON (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS; `onex broker` prints one)")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "budget of the whole call, retries included (default: ${DEFAULT-VALUE})")
    String timeoutText;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration timeout = Durations.parse(timeoutText, "--timeout");
        ObjectMapper mapper = EnvelopeCodec.defaultMapper();
        Object value;
        try {
            value = mapper.readValue(input, Object.class);
        } catch (Exception e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input: expected JSON, but was '" + input
                    + "'");
        }
        String servers = bootstrap != null ? bootstrap : System.getenv(ConfigTable.KAFKA_BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no cluster to call: give --bootstrap"
                    + " HOST:PORT or set " + ConfigTable.KAFKA_BOOTSTRAP_SERVERS + " (`onex broker` starts one)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(List.of()).bootstrapServers(servers).httpPort(-1)
                .build().start()) {
            awaitDiscovery(runtime, min(DISCOVERY, timeout));
            Object output;
            try {
                output = runtime.call(node, value, CallOptions.builder().deadline(timeout).build())
                        .toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException(cause.getMessage() != null ? cause.getMessage() : cause.toString(),
                        cause);
            }
            out.println(mapper.writeValueAsString(output));
            out.flush();
        }
        return 0;
    }

    /** Reads the feed until the node is known live, or for at most {@code max} (then the call fails fast). */
    private void awaitDiscovery(OnexRuntime runtime, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until && runtime.directory().findByName(node).isEmpty()
                && runtime.directory().findByCapability(node).isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
