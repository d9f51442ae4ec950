package io.onex.runtime;

import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.ConfigException;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.config.StartupWarnings;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.payload.PayloadSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link OnexRuntime.Builder#build()} checked: the configuration, every contract (loaded and given), each
 * contract's node class, and the payload schemas the contracts' {@code topic_settings} name.
 *
 * @param contracts the contracts of the nodes this runtime runs
 * @param remoteNodes the contracts of nodes other runtimes run ({@code remote.served: elsewhere}): how this runtime
 *     calls them
 */
record RuntimeSetup(RuntimeConfig config, List<NodeContract> contracts, List<NodeContract> remoteNodes,
        Map<String, Class<? extends OnexNode<?, ?>>> nodeClasses, PayloadSchemas payloadSchemas) {

    /**
     * Validates everything, collecting every problem.
     *
     * @param bootstrapServersOrNull overrides the environment's bootstrap servers
     * @throws RuntimeStartupException listing every problem
     */
    static RuntimeSetup validate(Map<String, String> environment, String bootstrapServersOrNull,
            List<NodeContract> given, List<Path> contractPaths) {
        List<String> problems = new ArrayList<>();
        RuntimeConfig config = null;
        try {
            config = RuntimeConfig.fromEnvironment(environment);
            if (bootstrapServersOrNull != null) {
                config = config.withBootstrapServers(bootstrapServersOrNull);
            }
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
        List<NodeContract> all = new ArrayList<>(given);
        ContractLoader loader = new ContractLoader(environment);
        for (Path p : contractPaths) {
            try {
                all.addAll(loader.loadAll(p));
            } catch (ContractValidationException e) {
                problems.add(e.getMessage());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (NodeContract c : all) {
            if (!names.add(c.name())) {
                problems.add("contract name '" + c.name() + "' is used twice"
                        + c.source().map(s -> " (again in " + s + ")").orElse(""));
            }
        }
        List<NodeContract> served = all.stream().filter(c -> !c.servedElsewhere()).toList();
        List<NodeContract> remoteNodes = all.stream().filter(NodeContract::servedElsewhere).toList();
        Map<String, Class<? extends OnexNode<?, ?>>> classes =
                NodeClasses.resolve(served, Thread.currentThread().getContextClassLoader(), problems);
        PayloadSchemas schemas = PayloadSchemas.none();
        if (config != null) {
            try {
                schemas = PayloadSchemas.load(served, config::resolveTopic, new EnvelopeCodec().mapper(),
                        Thread.currentThread().getContextClassLoader());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (config != null) {
            for (NodeContract c : all) {
                try {
                    GroupWatch.thresholds(c, config.groupHealthThresholds());
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuntimeStartupException(problems);
        }
        StartupWarnings.log(config);
        return new RuntimeSetup(config, served, remoteNodes, classes, schemas);
    }
}
