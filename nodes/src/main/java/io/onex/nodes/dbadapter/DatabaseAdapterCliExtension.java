package io.onex.nodes.dbadapter;

import io.onex.runtime.cli.CliExtension;
import java.util.Map;

/** Adds {@code onex bench persist}. */
public final class DatabaseAdapterCliExtension implements CliExtension {

    @Override
    public Map<String, Object> commands() {
        return Map.of();
    }

    @Override
    public Map<String, Object> benchCommands() {
        return Map.of("persist", new BenchPersistCommand());
    }
}
