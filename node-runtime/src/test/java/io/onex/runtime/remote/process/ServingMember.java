package io.onex.runtime.remote.process;

import io.onex.runtime.OnexRuntime;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One {@code onex serve}-like JVM for {@link RemoteCallFailoverProcessIT}: a runtime serving
 * {@code recording_compute} to other runtimes. Arguments: bootstrap servers, tenant, instance id, executions file.
 * Prints {@code SERVING} once started; SIGTERM closes the runtime.
 */
public final class ServingMember {

    private ServingMember() {
    }

    public static void main(String[] args) throws Exception {
        RecordingCompute.executions = Path.of(args[3]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        OnexRuntime runtime = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/remote-failover-contracts/serving"))
                .environment(Map.of("ONEX_TENANT", args[1], "ONEX_INSTANCE_ID", args[2], "ONEX_CREATE_TOPICS", "true",
                        "ONEX_TOPIC_PARTITIONS", "6"))
                .bootstrapServers(args[0]).httpPort(-1).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }));
        runtime.start();
        out.println("SERVING " + runtime.nodeId("recording_compute"));
        stopped.await();
    }
}
