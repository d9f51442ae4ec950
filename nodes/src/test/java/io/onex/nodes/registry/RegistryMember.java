package io.onex.nodes.registry;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The registry in a JVM of its own, for {@link RegistryRestartProcessIT}: prints its table whenever it changes, as
 * {@code TABLE <node id>:<status>,...} (sorted). Arguments: bootstrap servers, tenant, instance id.
 */
public final class RegistryMember {

    private RegistryMember() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("ONEX_TENANT", args[1], "ONEX_CREATE_TOPICS", "true", "ONEX_INSTANCE_ID",
                args[2]);
        OnexRuntime runtime = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(Path.of("../contracts/bridge_registry.yaml"))))
                .environment(env).bootstrapServers(args[0]).httpPort(-1).build().start();
        NodeBridgeRegistry registry = runtime.node("bridge_registry", NodeBridgeRegistry.class);
        out.println("STARTED");
        CountDownLatch never = new CountDownLatch(1); // runs until killed
        String last = null;
        while (true) {
            String table = registry.directory().all().stream().map(e -> e.nodeId() + ":" + e.status())
                    .sorted().collect(Collectors.joining(","));
            if (!table.equals(last)) {
                out.println("TABLE " + table);
                last = table;
            }
            never.await(50, TimeUnit.MILLISECONDS);
        }
    }

    /** The node ids of a {@code TABLE} line. */
    static List<String> nodeIds(String tableLine) {
        String list = tableLine.substring("TABLE ".length()).trim();
        return list.isEmpty() ? List.of() : java.util.Arrays.stream(list.split(","))
                .map(s -> s.substring(0, s.lastIndexOf(':'))).toList();
    }
}
