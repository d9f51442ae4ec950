package io.onex.nodes.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code onex serve} in a JVM of its own: the runtime under test as an operator runs it, its settings from the
 * environment. Started when it printed its nodes (after {@code OnexRuntime.start()} returned).
 */
public final class ServedRuntime {

    private ServedRuntime() {
    }

    /** Starts {@code onex serve --contracts <contracts> --bootstrap <bootstrap> --http-port -1} and waits for it. */
    public static ChildJvm start(String name, Path contracts, String bootstrap, Map<String, String> env)
            throws IOException, InterruptedException {
        return ChildJvm.startAndAwait(name, "io.onex.runtime.cli.OnexCli", List.of("serve", "--contracts",
                contracts.toString(), "--bootstrap", bootstrap, "--http-port", "-1"), env, "node ",
                Duration.ofSeconds(90));
    }
}
