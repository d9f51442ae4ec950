package io.onex.nodes.orchestrator;

import io.onex.runtime.cli.CliExtension;
import java.util.Map;

/** Adds {@code onex stamp}. */
public final class OrchestratorCliExtension implements CliExtension {

    @Override
    public Map<String, Object> commands() {
        return Map.of("stamp", new StampCommand());
    }
}
