package io.onex.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import io.onex.api.EventPublisher;
import io.onex.api.contract.NodeContract;
import org.apache.kafka.clients.producer.Producer;

/**
 * Per-node bindings, installed in a child injector from which the node's class is instantiated: a node's
 * {@code @Inject} constructor may ask for its {@link NodeContract}, its {@link EventPublisher},
 * {@code @Named("nodeId") String} and {@code @Named(NodeModule.NODE_PRODUCER) Producer<byte[], byte[]>} (the producer
 * its publisher sends with: the runtime's event producer, or its own when the contract gives producer settings),
 * besides anything the service's own modules bind.
 */
public final class NodeModule extends AbstractModule {
    /** The name of the node's producer. */
    public static final String NODE_PRODUCER = "nodeProducer";

    private final NodeContract contract;
    private final String nodeId;
    private final EventPublisher publisher;
    private final Producer<byte[], byte[]> producer;

    public NodeModule(NodeContract contract, String nodeId, EventPublisher publisher,
            Producer<byte[], byte[]> producer) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.publisher = publisher;
        this.producer = producer;
    }

    @Override
    protected void configure() {
        bind(NodeContract.class).toInstance(contract);
        bind(EventPublisher.class).toInstance(publisher);
        bind(String.class).annotatedWith(Names.named("nodeId")).toInstance(nodeId);
        bind(new TypeLiteral<Producer<byte[], byte[]>>() { }).annotatedWith(Names.named(NODE_PRODUCER))
                .toInstance(producer);
    }
}
