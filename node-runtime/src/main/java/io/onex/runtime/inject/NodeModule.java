package io.onex.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import io.onex.api.EventPublisher;
import io.onex.api.contract.NodeContract;

/**
 * Per-node bindings, installed in a child injector from which the node's class is instantiated: a node's
 * {@code @Inject} constructor may ask for its {@link NodeContract}, its {@link EventPublisher} and
 * {@code @Named("nodeId") String}, besides anything the service's own modules bind.
 */
public final class NodeModule extends AbstractModule {
    private final NodeContract contract;
    private final String nodeId;
    private final EventPublisher publisher;

    public NodeModule(NodeContract contract, String nodeId, EventPublisher publisher) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.publisher = publisher;
    }

    @Override
    protected void configure() {
        bind(NodeContract.class).toInstance(contract);
        bind(EventPublisher.class).toInstance(publisher);
        bind(String.class).annotatedWith(Names.named("nodeId")).toInstance(nodeId);
    }
}
