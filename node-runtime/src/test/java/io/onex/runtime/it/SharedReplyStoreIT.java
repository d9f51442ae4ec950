package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.remote.CallReply;
import io.onex.runtime.remote.CallRequest;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ONEX_REMOTE_REPLY_STORE=topic}: a request answered by one instance of a node and delivered again to another
 * instance (as after a crash before the offset commit) is answered from the shared reply, not run again.
 */
class SharedReplyStoreIT {

    private static final int PARTITIONS = 3;

    @Test
    void aRequestRedeliveredToAnotherInstanceIsAnsweredFromTheSharedReplyNotRunAgain() throws Exception {
        String tenant = "it_sr_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "ONEX_REMOTE_REPLY_STORE", "topic", "ONEX_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        String bootstrap = SharedKafka.bootstrapServers();
        String requestTopic = "dev." + tenant + ".onex.cmd.pricing-quote-requested.v1";
        String replyTopic = "dev." + tenant + ".onex.evt.it-caller-replies.v1";
        CallRequest request = new CallRequest(UUID.randomUUID().toString(), "pricing_compute",
                Map.of("sku", "tea", "qty", 2), "it-caller", replyTopic, Instant.now().plusSeconds(120));
        byte[] value = new EnvelopeCodec().encode(EventEnvelope.create(CallRequest.EVENT_TYPE, "corr-sr", null,
                Instant.now(), new EventSource("it", "runtime", "it-caller"), Map.of(), request.toPayload()));
        int runsBefore = PricingCompute.RUNS.get();
        try (TopicReader replies = new TopicReader(bootstrap, replyTopic);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                        new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                OnexRuntime first = runtime(env, bootstrap)) {
            awaitMembers(admin, "onex-requests." + requestTopic, 1);
            send(producer, requestTopic, request, value, 0);
            replies.await(Duration.ofSeconds(60), r -> true);

            // a second instance joins (as one taking over after a crash); the request comes again on every partition
            try (OnexRuntime second = runtime(env, bootstrap)) {
                awaitMembers(admin, "onex-requests." + requestTopic, 2);
                for (int p = 0; p < PARTITIONS; p++) {
                    send(producer, requestTopic, request, value, p);
                }
                List<ConsumerRecord<byte[], byte[]>> answered = awaitReplies(replies, 1 + PARTITIONS);

                assertThat(PricingCompute.RUNS.get() - runsBefore).as("run once, by the first instance").isEqualTo(1);
                Set<String> answeredBy = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : answered) {
                    EventEnvelope e = new EnvelopeCodec().decode(r.value());
                    assertThat(CallReply.fromPayload(e.payload()).output()).isEqualTo(Map.of("price", 6));
                    answeredBy.add(e.source().nodeId());
                }
                assertThat(answeredBy).as("both instances answered copies").containsExactlyInAnyOrder(
                        first.runtimeId(), second.runtimeId());
            }
        }
    }

    private static OnexRuntime runtime(Map<String, String> env, String bootstrap) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/remote-call-contracts/b")).environment(env)
                .bootstrapServers(bootstrap).httpPort(-1).build().start();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, CallRequest request, byte[] value,
            int partition) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, request.requestId().getBytes(StandardCharsets.UTF_8),
                value)).get(30, TimeUnit.SECONDS);
    }

    /** Waits until the request group has this many members, each with partitions. */
    private static void awaitMembers(Admin admin, String group, int members) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Collection<MemberDescription> m = admin.describeConsumerGroups(List.of(group)).all().get().get(group)
                    .members();
            return m.size() == members && m.stream().allMatch(d -> !d.assignment().topicPartitions().isEmpty());
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitReplies(TopicReader replies, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> replies.drainFor(Duration.ofMillis(200)).size()
                >= count);
        return replies.drainFor(Duration.ZERO);
    }
}
