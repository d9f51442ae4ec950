package io.onex.nodes.orchestrator;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A runtime with the orchestrator and its step nodes in a JVM of its own, stamping one request per correlation id
 * {@code <prefix>-0 .. <prefix>-<count-1>} with up to {@code concurrency} runs at a time, for
 * {@link OrchestratorKillProcessIT}. Arguments: bootstrap servers, tenant, workflow file, prefix, count,
 * concurrency. Prints {@code STARTED}, then {@code RESULT <correlation id> <state> <stamp id>} per run, then
 * {@code FINISHED}.
 */
public final class StampingMember {

    private static final Set<String> CONTRACTS = Set.of("bridge_orchestrator", "stamp_input_validation",
            "blake3_hash_compute", "metadata_stamp_compute", "onextree_intelligence_effect",
            "metadata_stamp_publish_effect");

    private StampingMember() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // one instance id for the killed member and its successor: the successor takes over its unfinished runs
        Map<String, String> env = Map.of("ONEX_TENANT", args[1], "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_ORCHESTRATOR_WORKFLOW", args[2], "BRIDGE_INTELLIGENCE_TIMEOUT", "5s", "ONEX_INSTANCE_ID",
                "stamping-a");
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        Semaphore slots = new Semaphore(Integer.parseInt(args[5]));
        List<NodeContract> contracts = new ContractLoader(env).loadAll(Path.of("../contracts")).stream()
                .filter(c -> CONTRACTS.contains(c.name())).toList();
        OnexRuntime runtime = OnexRuntime.builder().contracts(contracts).environment(env).bootstrapServers(args[0])
                .httpPort(-1).build().start();
        out.println("STARTED");
        StampClient stamps = StampClient.of(runtime);
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            slots.acquire();
            all[i] = stamps.stamp(StampRequest.ofText("file-" + i + ".md", "faults", "content of " + id)
                    .withCorrelationId(id)).toCompletableFuture().whenComplete((r, e) -> {
                        slots.release();
                        out.println("RESULT " + id + " " + (e != null ? "error" : r.state()) + " "
                                + (e != null ? "-" : r.stampId()));
                    });
        }
        CompletableFuture.allOf(all).exceptionally(e -> null).join();
        out.println("FINISHED");
        runtime.close();
    }
}
