package io.onex.nodes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.OnexCli;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.testing.SharedKafka;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;

/**
 * {@code onex nodes} against the embedded broker lists a running node of another runtime, filtered as asked, and
 * never announces itself: other watchers do not see it.
 */
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
    void anotherWatcherNeverSeesTheNodesCommandJoinOrLeave() throws Exception {
        Map<String, String> env = Map.of("ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime watcher = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            String self = watcher.nodeId("heartbeat_probe");
            // once the watcher sees its own node, it has read the feed's history: what follows is news
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> watcher.directory().find(self)
                    .map(e -> e.status() == NodeStatus.ACTIVE).orElse(false));
            List<NodeDirectory.Change> registryChanges = new CopyOnWriteArrayList<>();
            try (AutoCloseable listening = watcher.directory().addListener(change -> {
                if (change.entry().nodeName().equals("bridge_registry")) {
                    registryChanges.add(change);
                }
            })) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();

                int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("nodes",
                        "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "2s", "--name", "heartbeat_probe",
                        "--contract", "../contracts/bridge_registry.yaml");

                assertThat(code).as(err.toString()).isZero();
                assertThat(out.toString()).contains(self);
                // a heartbeat of the command's registry would have reached the watcher within its 1 s interval
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(registryChanges::isEmpty);
            }
        }
    }

    @Test
    void leavesNoConsumerGroupOfItsOwnBehindOnTheCluster() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            Set<String> before = groups(admin);
            StringWriter err = new StringWriter();

            int code = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute("nodes", "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "2s",
                            "--contract", "../contracts/bridge_registry.yaml");

            assertThat(code).as(err.toString()).isZero();
            // the coordinator removes an empty group without offsets when its last member leaves; one with offsets
            // stays for offsets.retention.minutes (7 days), rated critical by onex groups and the dashboard
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(groups(admin).stream()
                    .filter(g -> !before.contains(g))).as("groups the command left").isEmpty());
        }
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
    }

    @Test
    void nameAndStatusFiltersNarrowTheTable() throws Exception {
        Map<String, String> env = Map.of("ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime probe = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            String probeId = probe.nodeId("heartbeat_probe");
            StringWriter active = new StringWriter();
            StringWriter expired = new StringWriter();
            OnexCli.commandLine(new PrintWriter(active, true), new PrintWriter(new StringWriter(), true)).execute(
                    "nodes", "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "2s", "--name", "heartbeat_*",
                    "--status", "active", "--type", "compute", "--contract", "../contracts/bridge_registry.yaml");
            OnexCli.commandLine(new PrintWriter(expired, true), new PrintWriter(new StringWriter(), true)).execute(
                    "nodes", "--bootstrap", SharedKafka.bootstrapServers(), "--wait", "2s", "--status", "expired,offline",
                    "--contract", "../contracts/bridge_registry.yaml");

            assertThat(active.toString().lines().skip(1).filter(l -> l.contains(" node(s) on ")).findFirst())
                    .isPresent();
            assertThat(active.toString().lines().filter(l -> !l.startsWith("NODE ID") && !l.contains(" node(s) on ")))
                    .isNotEmpty().allSatisfy(l -> assertThat(l).contains("heartbeat_probe", " active "));
            assertThat(active.toString()).contains(probeId);
            assertThat(expired.toString()).doesNotContain(probeId);
        }
    }

    @Test
    void anUnknownStatusOrTypeIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        int code = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("nodes", "--bootstrap", "127.0.0.1:1", "--status", "active,zombie");
        StringWriter typeErr = new StringWriter();
        int typeCode = OnexCli.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(typeErr, true))
                .execute("nodes", "--bootstrap", "127.0.0.1:1", "--type", "gateway");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--status: expected one of active, suspect, expired, offline, but was"
                + " 'zombie'");
        assertThat(typeCode).isEqualTo(2);
        assertThat(typeErr.toString()).contains("--type: expected one of effect, compute, reducer, orchestrator, but"
                + " was 'gateway'");
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

        assertThat(code).isEqualTo(3);
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
