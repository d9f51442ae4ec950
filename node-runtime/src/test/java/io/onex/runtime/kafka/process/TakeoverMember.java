package io.onex.runtime.kafka.process;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.FlowGate;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.RecordOutcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One instance of a node's consumer in its own JVM, for {@link ConsumerTakeoverProcessIT}: a {@link ConsumerLoop}
 * configured as the runtime configures a node's, printing on stdout what it owns and what it finished.
 *
 * <p>Arguments: bootstrap servers, topic, group, group protocol, static instance id ({@code -} for none), session
 * timeout ms, and {@code hold} (never finish a record: they stay in flight, uncommitted) or {@code done}. Lines:
 * {@code OWNS t-0,t-3}, {@code DONE t-0@17}. SIGTERM closes the loop (a clean stop).
 */
public final class TakeoverMember {

    private TakeoverMember() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String group = args[2];
        String protocol = args[3];
        String instanceId = args[4].equals("-") ? null : args[4];
        int sessionMs = Integer.parseInt(args[5]);
        boolean hold = args[6].equals("hold");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);

        Map<String, Object> props = KafkaClientProperties.consumer(Map.of("bootstrap.servers", bootstrap), group,
                instanceId == null ? "member" : instanceId, 100, sessionMs, "earliest", protocol, instanceId);
        ConsumerLoop loop = ConsumerLoop.builder("member", new KafkaConsumer<byte[], byte[]>(props))
                .topics(List.of(topic)).gate(FlowGate.ALWAYS_OPEN).maxInFlight(1000)
                .pollTimeout(Duration.ofMillis(100)).meterRegistry(new SimpleMeterRegistry())
                .handler(record -> {
                    if (hold) {
                        return new CompletableFuture<>();
                    }
                    out.println("DONE " + record.topic() + "-" + record.partition() + "@" + record.offset());
                    return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
                }).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close(Duration.ofSeconds(1));
            stopped.countDown();
        }));
        loop.start();
        out.println("STARTED");
        Set<TopicPartition> last = null;
        while (stopped.getCount() > 0) {
            Set<TopicPartition> now = loop.assignment();
            if (!now.equals(last)) {
                TreeSet<String> names = new TreeSet<>();
                now.forEach(tp -> names.add(tp.toString()));
                out.println("OWNS " + String.join(",", names));
                last = now;
            }
            if (!loop.isRunning() && loop.failure().isPresent()) {
                out.println("FAILED " + loop.failure().get());
                System.exit(2);
            }
            stopped.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
