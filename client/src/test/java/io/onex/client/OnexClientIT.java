package io.onex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.client.proto.ChangeRequest;
import io.onex.client.proto.PlanCreated;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnexClientIT {

    record OrderPlaced(String orderId, int quantity) {
    }

    static final RuntimeConfig CONFIG = RuntimeConfig.fromEnvironment(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
            "ONEX_CREATE_TOPICS", "true",
            "ONEX_SERVICE_NAME", "client-it"));

    /** Three quick attempts, no breaker: what the failure tests count. */
    static final ResilienceSpec THREE_QUICK_ATTEMPTS = ResilienceSpec.custom()
            .timeout(Duration.ofSeconds(10))
            .retry(RetrySpec.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(20)).jitter(0).build())
            .circuitBreaker(CircuitBreakerSpec.custom().enabled(false).build())
            .build();

    private final ObjectMapper json = new ObjectMapper();
    private final List<OnexClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(OnexClient::close);
    }

    @Test
    void producesOnexEnvelopeAndSubscriberGetsTheTypedRecordWithKeyAndEnvelope() throws Exception {
        String topic = SharedKafka.uniqueTopic("client-orders");
        OnexClient client = client(OnexClient.builder().topicTypes(TopicTypes.builder()
                .json(topic, OrderPlaced.class).build()));
        List<ConsumedMessage> got = new CopyOnWriteArrayList<>();
        client.subscribe(SharedKafka.uniqueTopic("billing"), List.of(topic), got::add);

        DeliveryReceipt receipt = client.produce(topic, new OrderPlaced("o-1", 3), "o-1")
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(receipt.topic()).isEqualTo(topic);
        assertThat(receipt.offset()).isNotNegative();
        await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == 1);
        ConsumedMessage message = got.get(0);
        assertThat(message.value(OrderPlaced.class)).isEqualTo(new OrderPlaced("o-1", 3));
        assertThat(message.key()).isEqualTo("o-1");
        assertThat(message.partition()).isEqualTo(receipt.partition());
        assertThat(message.offset()).isEqualTo(receipt.offset());
        assertThat(message.envelope().eventType()).isEqualTo("ORDER_PLACED");
        assertThat(message.envelope().eventId()).isEqualTo(receipt.eventId());
        String scrape = ((PrometheusMeterRegistry) client.meterRegistry()).scrape();
        assertThat(scrape).contains("kf_messages_produced_total{topic=\"" + topic + "\"} 1.0")
                .contains("kf_messages_consumed_total{topic=\"" + topic + "\"} 1.0")
                .contains("kf_produce_latency_sec_count{topic=\"" + topic + "\"} 1");
    }

    @Test
    void producesAndSubscribesProtobufMessagesByTheTopicTypeMap() throws Exception {
        String topic = SharedKafka.uniqueTopic("client-plans");
        TopicTypes types = TopicTypes.builder().protobuf(topic, PlanCreated.class).build();
        OnexClient client = client(OnexClient.builder().topicTypes(types));
        List<ConsumedMessage> got = new CopyOnWriteArrayList<>();
        client.subscribe(SharedKafka.uniqueTopic("planner"), List.of(topic), types, got::add);
        PlanCreated plan = PlanCreated.newBuilder().setPlanId("p-1").setTitle("split module").setSteps(3).build();

        client.produce(topic, plan, "p-1").toCompletableFuture().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == 1);
        assertThat(got.get(0).value(PlanCreated.class)).isEqualTo(plan);
        assertThat(got.get(0).envelope()).isNull();
    }

    @Test
    void handlerFailureIsRetriedThenDeadLetteredAndAFlakyOneSucceedsOnRetry() throws Exception {
        String topic = SharedKafka.uniqueTopic("client-retry");
        OnexClient client = client(OnexClient.builder().resilience(THREE_QUICK_ATTEMPTS));
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        client.subscribe(SharedKafka.uniqueTopic("retry"), List.of(topic), message -> {
            String name = (String) message.value(Map.class).get("name");
            int attempt = attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            if (name.equals("poison") || (name.equals("flaky") && attempt < 3)) {
                throw new IllegalStateException("cannot handle " + name + " (attempt " + attempt + ")");
            }
            handled.add(name);
        });

        client.produce(topic, Map.of("name", "poison")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        client.produce(topic, Map.of("name", "flaky")).toCompletableFuture().get(30, TimeUnit.SECONDS);

        JsonNode letter = json.readTree(readOne(topic + ".dlq"));
        assertThat(letter.path("original_topic").asText()).isEqualTo(topic);
        assertThat(letter.path("original_envelope").path("payload").path("name").asText()).isEqualTo("poison");
        assertThat(letter.path("error").path("message").asText()).contains("cannot handle poison (attempt 3)");
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("flaky"));
        assertThat(attempts.get("poison")).hasValue(3);
        assertThat(attempts.get("flaky")).hasValue(3);
        assertThat(handled).containsExactly("flaky");
    }

    @Test
    void recordThatDoesNotDecodeAsItsTopicsTypeIsDeadLetteredNamingTheType() throws Exception {
        String topic = SharedKafka.uniqueTopic("client-wrong-type");
        OnexClient client = client(OnexClient.builder());
        List<ConsumedMessage> got = new CopyOnWriteArrayList<>();
        client.subscribe(SharedKafka.uniqueTopic("changes"), List.of(topic),
                TopicTypes.builder().protobuf(topic, ChangeRequest.class).build(), got::add);

        // unmapped on the producing side: a protobuf message goes out as protobuf, of the wrong type
        client.produce(topic, PlanCreated.newBuilder().setPlanId("p-1").setTitle("x").setSteps(2).build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        client.produce(topic, ChangeRequest.newBuilder().setRequestId(7).addFiles("a.java").build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        JsonNode letter = json.readTree(readOne(topic + ".dlq"));
        assertThat(letter.path("error").path("message").asText()).startsWith("value of " + topic
                + " does not decode as protobuf message io.onex.client.proto.ChangeRequest");
        assertThat(letter.path("retry_count").asInt()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == 1);
        assertThat(got.get(0).value(ChangeRequest.class).getRequestId()).isEqualTo(7);
    }

    @Test
    void restartedSubscriberResumesAfterWhatWasHandledAndLosesNothing() throws Exception {
        String topic = SharedKafka.uniqueTopic("client-restart");
        String group = SharedKafka.uniqueTopic("restart");
        Set<String> sent = new HashSet<>();
        // one handler thread: records of a partition are handled in offset order, so the done ones form a prefix
        OnexClient first = client(OnexClient.builder().handlerThreads(1).closeTimeout(Duration.ofSeconds(2)));
        Set<String> handledFirst = ConcurrentHashMap.newKeySet();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subscription subscription = first.subscribe(group, List.of(topic), message -> {
            String id = (String) message.value(Map.class).get("id");
            if (handledFirst.size() >= 15) {
                stuck.countDown();
                release.await();
                throw new IllegalStateException("stopped before handling " + id);
            }
            handledFirst.add(id);
        });
        for (int i = 0; i < 40; i++) {
            String id = "m-" + i;
            sent.add(id);
            first.produce(topic, Map.of("id", id), id);
        }
        assertThat(stuck.await(60, TimeUnit.SECONDS)).isTrue();

        subscription.close();   // commits what was handled; the stuck record and those behind it stay uncommitted
        release.countDown();
        first.close();
        clients.remove(first);

        OnexClient second = client(OnexClient.builder());
        Set<String> handledSecond = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        second.subscribe(group, List.of(topic), message -> {
            String id = (String) message.value(Map.class).get("id");
            if (!handledSecond.add(id) || handledFirst.contains(id)) {
                duplicates.add(id);
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> handledFirst.size() + handledSecond.size() >= 40);
        assertThat(handledFirst).hasSize(15);
        Set<String> all = new HashSet<>(handledFirst);
        all.addAll(handledSecond);
        assertThat(all).as("nothing lost").isEqualTo(sent);
        assertThat(duplicates).as("nothing committed by the first subscriber comes again").isEmpty();
    }

    private OnexClient client(OnexClientBuilder builder) {
        OnexClient client = builder.config(CONFIG).build();
        clients.add(client);
        return client;
    }

    private byte[] readOne(String topic) {
        Map<String, Object> props = KafkaClientProperties.consumer(Map.of("bootstrap.servers",
                SharedKafka.bootstrapServers()), SharedKafka.uniqueTopic("reader"), "reader", 100, 10_000, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<byte[]> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return !values.isEmpty();
            });
            return values.get(0);
        }
    }
}
