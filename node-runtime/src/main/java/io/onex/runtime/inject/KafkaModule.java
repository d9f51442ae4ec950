package io.onex.runtime.inject;

import io.micrometer.core.instrument.MeterRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.onex.api.EventPublisher;
import io.onex.api.EventSource;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.KafkaFlowMetrics;
import java.time.Clock;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Kafka clients shared by all nodes of a runtime: two idempotent producers ({@code acks=all}) and one admin client.
 * The unqualified producer carries events (batched: {@link ProducerTuning#events}); the one named {@link #SIGNALS}
 * carries requests, replies, introspection and heartbeats (linger 0: {@link ProducerTuning#signals}). A node whose
 * contract gives producer settings gets a producer of its own from the runtime. Consumers are per node, made through
 * the same {@link ClientFactory} by the runtime, since each belongs to its own consumer loop thread.
 */
public final class KafkaModule extends AbstractModule {

    /**
     * Supplies Kafka clients; {@link io.onex.runtime.testing.NodeTestKit} supplies {@code MockProducer}-backed ones
     * instead.
     */
    public interface ClientFactory {
        Producer<byte[], byte[]> producer(Map<String, Object> properties);

        /**
         * The runtime's producer of requests, replies, introspection and heartbeats; by default a producer like any
         * other ({@link io.onex.runtime.testing.NodeTestKit} gives the event producer's {@code MockProducer}, so that
         * a test sees every send of the runtime in one history, in order).
         */
        default Producer<byte[], byte[]> signalsProducer(Map<String, Object> properties) {
            return producer(properties);
        }

        Admin admin(Map<String, Object> properties);

        /** A consumer for one consumer loop (one per subscribing node, one for introspection requests). */
        default Consumer<byte[], byte[]> consumer(Map<String, Object> properties) {
            return new KafkaConsumer<>(properties);
        }
    }

    /** The real clients. */
    public static final ClientFactory REAL_CLIENTS = new ClientFactory() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            return new KafkaProducer<>(properties);
        }

        @Override
        public Admin admin(Map<String, Object> properties) {
            return Admin.create(properties);
        }
    };

    /** The name of the runtime's producer of requests, replies, introspection and heartbeats. */
    public static final String SIGNALS = "signals";

    private final ClientFactory clients;
    private final String clientIdPrefix;

    public KafkaModule(ClientFactory clients, String clientIdPrefix) {
        this.clients = clients;
        this.clientIdPrefix = clientIdPrefix;
    }

    @Override
    protected void configure() {
        bind(ClientFactory.class).toInstance(clients);
    }

    @Provides
    @Singleton
    Producer<byte[], byte[]> producer(RuntimeConfig config) {
        return clients.producer(KafkaClientProperties.producer(config.kafkaClientProperties(),
                clientIdPrefix + "-producer", ProducerTuning.events(config)));
    }

    @Provides
    @Singleton
    @Named(SIGNALS)
    Producer<byte[], byte[]> signalsProducer(RuntimeConfig config) {
        return clients.signalsProducer(KafkaClientProperties.producer(config.kafkaClientProperties(),
                clientIdPrefix + "-signals", ProducerTuning.signals(config)));
    }

    @Provides
    @Singleton
    Admin admin(RuntimeConfig config) {
        return clients.admin(KafkaClientProperties.admin(config.kafkaClientProperties()));
    }

    /** The workflow engine's publisher (see {@link WorkflowModule}): on the shared producer, as an orchestrator. */
    @Provides
    @Singleton
    @Named(WorkflowModule.EVENTS)
    EventPublisher workflowEvents(Producer<byte[], byte[]> producer, EnvelopeCodec codec, RuntimeConfig config,
            Clock clock, @Named(WorkflowModule.ENGINE_ID) String engineId, MeterRegistry meterRegistry) {
        return new KafkaEventPublisher(producer, codec, new EventSource(config.serviceName(), "orchestrator", engineId),
                Map.of("environment", config.env()), config::resolveTopic, clock)
                .meteredBy(new KafkaFlowMetrics(meterRegistry));
    }
}
