package io.onex.runtime.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex publish}: publishes events through the {@code kafka_event_effect} node's full pipeline (envelope,
 * retry, breaker, DLQ), then reads them back with a plain Kafka consumer and prints what is on the wire. Only that
 * node is started, not the rest of the contracts folder.
 */
@Command(name = "publish", description = "Publish events through kafka_event_effect (the only node started) and print"
        + " them as read back from Kafka.")
final class PublishCommand implements Callable<Integer> {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    static final String NODE = "kafka_event_effect";

    @Option(names = "--topic", required = true, description = "topic name or ONEX reference, e.g. onex.evt.greeting-sent.v1")
    String topic;

    @Option(names = "--event-type", required = true, description = "the envelope's event_type, e.g. GREETING_SENT")
    String eventType;

    @Option(names = "--payload", defaultValue = "{}", description = "the payload as a JSON object")
    String payload;

    @Option(names = "--count", defaultValue = "1", description = "how many events (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--contracts", defaultValue = "contracts",
            description = "contract folder (or file) holding " + NODE + " (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded broker)")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "how long to wait for the events to be read back (default: ${DEFAULT-VALUE})")
    String timeoutText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration readBackTimeout = Durations.parse(timeoutText, "--timeout");
        ObjectMapper mapper = EnvelopeCodec.defaultMapper();
        Map<String, Object> body;
        try {
            body = mapper.readValue(payload, MAP);
        } catch (Exception e) {
            throw new IllegalArgumentException("--payload: expected a JSON object, but was '" + payload + "'");
        }
        NodeContract effect = effectContract();
        OnexRuntime.Builder builder = OnexRuntime.builder().contracts(List.of(effect)).httpPort(-1);
        if (bootstrap != null) {
            builder.bootstrapServers(bootstrap);
        }
        Progress progress = new Progress(spec.commandLine().getErr());
        try (OnexRuntime runtime = builder.build()) {
            progress.line("starting %s on %s ...", NODE, Progress.cluster(bootstrap));
            runtime.start();
            progress.line("started");
            out.println("bootstrap=" + runtime.bootstrapServers());
            String correlationId = UUID.randomUUID().toString();
            String resolvedTopic = null;
            List<Map<String, Object>> receipts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("topic", topic);
                input.put("event_type", eventType);
                input.put("payload", body);
                input.put("correlation_id", correlationId);
                Map<String, Object> result = mapper.convertValue(
                        runtime.call(NODE, input).toCompletableFuture().get(), MAP);
                receipts.add(result);
                resolvedTopic = (String) result.get("topic");
                out.printf("published %d/%d -> %s partition %s offset %s%n", i + 1, count, result.get("topic"),
                        result.get("partition"), result.get("offset"));
                out.flush();
            }
            readBack(runtime, resolvedTopic, receipts, out, readBackTimeout);
        }
        return 0;
    }

    /** The one contract publish needs, from the contracts folder; the folder's other nodes are not started. */
    private NodeContract effectContract() throws ContractValidationException {
        return new ContractLoader(System.getenv()).loadAll(contracts).stream().filter(c -> c.name().equals(NODE))
                .findFirst().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--contracts: "
                        + contracts + " holds no " + NODE + " contract, which publish sends through"));
    }

    private static void readBack(OnexRuntime runtime, String topic, List<Map<String, Object>> receipts, PrintWriter out,
            Duration timeout) {
        Map<String, Object> props = KafkaClientProperties.consumer(runtime.config().kafkaClientProperties(),
                "onex-publish-readback-" + UUID.randomUUID(), "onex-publish-readback", 500, 30_000, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (Map<String, Object> r : receipts) {
                TopicPartition tp = new TopicPartition(topic, ((Number) r.get("partition")).intValue());
                if (!parts.contains(tp)) {
                    parts.add(tp);
                }
            }
            consumer.assign(parts);
            for (Map<String, Object> r : receipts) {
                consumer.seek(new TopicPartition(topic, ((Number) r.get("partition")).intValue()),
                        ((Number) r.get("offset")).longValue());
                break;
            }
            int seen = 0;
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (seen < receipts.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (matches(rec, receipts)) {
                        seen++;
                        out.printf("read back %s[%d]@%d key=%s%n%s%n", rec.topic(), rec.partition(), rec.offset(),
                                rec.key() == null ? "null" : new String(rec.key(), java.nio.charset.StandardCharsets.UTF_8),
                                new String(rec.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            out.printf("%d of %d events read back from %s%n", seen, receipts.size(), topic);
            out.flush();
            if (seen < receipts.size()) {
                throw new IllegalStateException("only " + seen + " of " + receipts.size() + " events were read back from " + topic);
            }
        }
    }

    private static boolean matches(ConsumerRecord<byte[], byte[]> rec, List<Map<String, Object>> receipts) {
        for (Map<String, Object> r : receipts) {
            if (((Number) r.get("partition")).intValue() == rec.partition()
                    && ((Number) r.get("offset")).longValue() == rec.offset()) {
                return true;
            }
        }
        return false;
    }
}
