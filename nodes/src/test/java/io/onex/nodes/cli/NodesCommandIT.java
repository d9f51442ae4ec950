package io.onex.nodes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.OnexCli;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code onex nodes} against the embedded broker lists a running node of another runtime, and not itself. */
class NodesCommandIT {

    @Test
    void printsTheRunningNodesOfTheNetworkAsActiveButNotItsOwnRegistry() throws Exception {
        // the CLI reads the process environment: default env and tenant, so the probe uses them too
        Map<String, String> env = Map.of("ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime probe = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("nodes",
                    "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "3s",
                    "--contract", "../contracts/bridge_registry.yaml");

            assertThat(code).as(err.toString()).isZero();
            String probeLine = out.toString().lines().filter(l -> l.startsWith(probe.nodeId("heartbeat_probe")))
                    .findFirst().orElseThrow(() -> new AssertionError("probe not listed:\n" + out));
            assertThat(probeLine).contains("heartbeat_probe", "compute", "2.1.0", "active", "s ago");
            assertThat(out.toString()).startsWith("NODE ID");
            // the command's own registry is running while it prints: were it listed, it would be listed active
            // (other tests of this JVM leave offline registries behind on the same topics)
            assertThat(out.toString().lines().filter(l -> l.startsWith("bridge-registry-")))
                    .noneMatch(l -> l.contains(" active "));
        }
    }

    @Test
    void watchPrintsANodeJoiningAndLeavingAfterTheTable() throws Exception {
        Map<String, String> env = Map.of("ONEX_CREATE_TOPICS", "true");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.util.concurrent.CompletableFuture<Integer> command = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("nodes",
                        "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "1s", "--watch", "--for", "20s",
                        "--contract", "../contracts/bridge_registry.yaml"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> out.toString().contains("watching for 20s"));

        String probeId;
        try (OnexRuntime probe = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            probeId = probe.nodeId("heartbeat_probe");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> out.toString().contains("joined    " + probeId));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> out.toString().contains("left      " + probeId));

        assertThat(out.toString().lines().filter(l -> l.contains(probeId)))
                .allSatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d  (joined|left) +" + probeId
                        + "  heartbeat_probe  compute  2\\.1\\.0  last heartbeat .*"));
        assertThat(command.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    @Test
    void timeoutWithoutWatchIsRefusedUnderEitherSpelling() {
        for (String option : new String[] {"--timeout", "--for"}) {
            StringWriter err = new StringWriter();
            int code = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute("nodes", "--bootstrap", "127.0.0.1:1", option, "5s");

            assertThat(code).as(option).isEqualTo(2);
            assertThat(err.toString()).as(option).contains("--timeout needs --watch");
        }
    }

    @Test
    void anUnreachableClusterIsNamedInsteadOfAnEmptyTable() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("nodes", "--bootstrap", "127.0.0.1:1", "--contract", "../contracts/bridge_registry.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: cannot reach the cluster at 127.0.0.1:1 within 5 s");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutAClusterItSaysHowToGiveOne() {
        StringWriter err = new StringWriter();
        int code = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("nodes", "--bootstrap", " ");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no cluster to ask: give --bootstrap HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
    }
}
