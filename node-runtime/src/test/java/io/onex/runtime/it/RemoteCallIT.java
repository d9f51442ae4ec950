package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NodeExecutionException;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeWorkflows;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.remote.NoLiveInstanceException;
import io.onex.runtime.remote.RemoteNonRetryableException;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes on the embedded broker: A calls a node only B runs, by request and reply over Kafka, under A's own
 * contract of that node (remote.served: elsewhere), directly and from a workflow step.
 */
class RemoteCallIT {

    @Test
    void aRuntimeCallsANodeOnlyAnotherRuntimeRunsAndFailsFastOnceItIsGone() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_rc_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime a = runtime(env, "a")) {
            try (OnexRuntime b = runtime(env, "b")) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> !a.directory().findByName("pricing_compute").isEmpty());
                assertThat(a.directory().findByName("pricing_compute")).singleElement()
                        .satisfies(e -> assertThat(e.nodeId()).isEqualTo(b.nodeId("pricing_compute")));

                Object out = a.call("pricing_compute", Map.of("sku", "tea", "qty", 4)).toCompletableFuture()
                        .get();
                assertThat(out).isEqualTo(Map.of("price", 12));

                int runsBefore = PricingCompute.RUNS.get();
                CompletableFuture<Object> refused = a.call("pricing_compute", Map.of("sku", "unknown", "qty", 1))
                        .toCompletableFuture();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(refused::isDone);
                assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(NodeExecutionException.class)
                        .hasCauseInstanceOf(RemoteNonRetryableException.class)
                        .hasMessageContaining("sku unknown is not sold");
                assertThat(PricingCompute.RUNS.get() - runsBefore).as("a non-retryable remote error is not retried "
                        + "(A's contract of the node allows 3 attempts)").isEqualTo(1);

                // a call made for a consumed record that fails for good goes to that record's DLQ, as A's contract
                // of the node declares: as it would for a node A runs
                String consumed = a.config().resolveTopic("onex.evt.order-placed.v1");
                try (TopicReader dlq = new TopicReader(a.bootstrapServers(), consumed + ".dlq")) {
                    RecordOrigin origin = new RecordOrigin(consumed, 0, 7L, "order-7".getBytes(StandardCharsets.UTF_8),
                            null, "{\"sku\":\"unknown\",\"qty\":1}".getBytes(StandardCharsets.UTF_8));
                    CompletableFuture<Object> lettered = a.call("pricing_compute", Map.of("sku", "unknown", "qty", 1),
                            CallOptions.builder().origin(origin).build()).toCompletableFuture();
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(lettered::isDone);
                    assertThat(lettered.handle((v, e) -> e).join()).isInstanceOf(NodeExecutionException.class)
                            .satisfies(e -> assertThat(((NodeExecutionException) e).deadLettered()).isTrue());
                    ConsumerRecord<byte[], byte[]> letter = dlq.await(Duration.ofSeconds(30), r -> true);
                    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("order-7");
                    assertThat(TopicReader.json(letter).toString()).contains("sku unknown is not sold");
                }
            }

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.directory().findByName("pricing_compute").isEmpty());
            long started = System.nanoTime();
            CompletableFuture<Object> gone = a.call("pricing_compute", Map.of("sku", "tea", "qty", 1))
                    .toCompletableFuture();
            assertThat(gone).isCompletedExceptionally();
            assertThat(gone.handle((v, e) -> e).join()).isInstanceOf(NoLiveInstanceException.class)
                    .hasMessageStartingWith("no live instance of 'pricing_compute' (last seen ")
                    .hasMessageEndingWith(", offline)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aWorkflowInOneRuntimeRunsAStepOnANodeOnlyAnotherRuntimeServes() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_rw_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime a = runtime(env, "a"); OnexRuntime b = runtime(env, "b")) {
            // the loader knows only the nodes A runs: the step on pricing_compute is a warning, not an error
            WorkflowDefinition wf = WorkflowLoader.forContracts(a.contracts()).allowingNodesServedElsewhere()
                    .load(Path.of("src/test/resources/workflows/served-elsewhere/price_then_double.yaml"));
            assertThat(wf.warnings()).hasSize(1);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> !a.directory().findByName("pricing_compute").isEmpty());
            int runsBefore = PricingCompute.RUNS.get();

            try (RuntimeWorkflows workflows = RuntimeWorkflows.open(a)) {
                workflows.prepare(wf);
                WorkflowResult result = workflows.engine().start(wf, Map.of("sku", "tea", "qty", 5)).result()
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);

                assertThat(result.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
                assertThat(result.outputs()).containsEntry("price", 15L).containsEntry("doubled", 30L);
                assertThat(PricingCompute.RUNS.get() - runsBefore).as("run once, in runtime B").isEqualTo(1);
            }
            b.close();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.directory().findByName("pricing_compute").isEmpty());
            try (RuntimeWorkflows workflows = RuntimeWorkflows.open(a)) {
                long started = System.nanoTime();
                WorkflowResult failed = workflows.engine().start(wf, Map.of("sku", "tea", "qty", 5)).result()
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);

                assertThat(failed.status()).isEqualTo(WorkflowResult.Status.FAILED);
                assertThat(failed.error().message()).contains("no live instance of 'pricing_compute' (last seen ");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails at once, no timeout waited out")
                        .isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void aNodesRequestConsumerIsAStaticMemberUnderItsNodeIdWhenTheInstanceIdIsStable() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_rs_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "ONEX_INSTANCE_ID", "pod-1");
        try (OnexRuntime b = runtime(env, "b");
                Admin admin = Admin.create(KafkaClientProperties.admin(b.config().kafkaClientProperties()))) {
            // B's contract names its request topic (remote.request_topic)
            String group = "onex-requests." + b.config().resolveTopic("onex.cmd.pricing-quote-requested.v1");
            // a restart under the same id gets its request partitions back at once, as the node's own consumer does
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                    admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members())
                    .extracting(m -> m.groupInstanceId().orElse("(dynamic)"))
                    .containsExactly(b.nodeId("pricing_compute")));
        }
    }

    private static OnexRuntime runtime(Map<String, String> env, String contracts) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/remote-call-contracts/" + contracts))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }
}
