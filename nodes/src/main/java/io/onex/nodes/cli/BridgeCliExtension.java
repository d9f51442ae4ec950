package io.onex.nodes.cli;

import io.onex.runtime.cli.CliExtension;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shipped nodes' verbs of {@code onex}: {@code demo} (every bridge node end to end) and {@code nodes} (the registry's table). */
public final class BridgeCliExtension implements CliExtension {

    @Override
    public Map<String, Object> commands() {
        Map<String, Object> verbs = new LinkedHashMap<>();
        verbs.put("demo", new DemoCommand());
        verbs.put("nodes", new NodesCommand());
        return verbs;
    }
}
