package io.onex.runtime;

import io.onex.runtime.health.HealthReport;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.payload.PayloadSchemas;
import com.google.inject.name.Named;
import io.onex.runtime.inject.KafkaModule;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;

/** The shared services the injector makes, in one place (keeps field injection out of the parts). */
final class RuntimeServices {
    final Producer<byte[], byte[]> producer;
    /** Requests, replies, introspection, heartbeats: linger 0 (may be the event producer itself, under NodeTestKit). */
    final Producer<byte[], byte[]> signals;
    final Admin admin;
    final NodeInvokerFactory invokerFactory;
    final NodeConsumers consumers;
    final RuntimeIntrospection introspection;
    final BrokerProbe brokerProbe;
    final PayloadSchemas payloadSchemas;

    @Inject
    RuntimeServices(Producer<byte[], byte[]> producer, @Named(KafkaModule.SIGNALS) Producer<byte[], byte[]> signals,
            Admin admin, NodeInvokerFactory invokerFactory,
            NodeConsumers consumers, RuntimeIntrospection introspection, BrokerProbe brokerProbe,
            PayloadSchemas payloadSchemas) {
        this.payloadSchemas = payloadSchemas;
        this.producer = producer;
        this.signals = signals;
        this.admin = admin;
        this.invokerFactory = invokerFactory;
        this.consumers = consumers;
        this.introspection = introspection;
        this.brokerProbe = brokerProbe;
    }

    HealthReport health(Map<String, RunningNode> nodes, Map<String, GroupVerdict> groups) {
        return introspection.health(nodes, brokerProbe::reachable, groups);
    }
}
