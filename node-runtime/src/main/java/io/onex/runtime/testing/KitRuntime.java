package io.onex.runtime.testing;

import com.google.inject.Module;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runtime behind both test kits: the given nodes on mock Kafka clients, no broker, no HTTP, manual time. */
final class KitRuntime {

    /** Where the kits' clients point: a discard port nothing is sent to. */
    static final String NO_BROKER = "127.0.0.1:9";

    private KitRuntime() {
    }

    /**
     * Builds and starts the runtime, then runs what its start-up handed to the scheduler.
     *
     * @param environment the test's environment; topic creation is off unless it says otherwise
     * @throws io.onex.runtime.RuntimeStartupException when a node cannot be wired or started
     */
    static OnexRuntime start(List<NodeContract> contracts, List<Module> modules, Map<String, String> environment,
            ManualScheduler scheduler, MockKafkaClients clients) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ONEX_CREATE_TOPICS", "false");
        OnexRuntime runtime = OnexRuntime.builder()
                .contracts(contracts)
                .modules(modules.toArray(Module[]::new))
                .environment(env)
                .bootstrapServers(NO_BROKER)
                .httpPort(-1)
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .kafkaClients(clients)
                .build();
        try {
            runtime.start();
        } finally {
            scheduler.runDue();
        }
        return runtime;
    }
}
