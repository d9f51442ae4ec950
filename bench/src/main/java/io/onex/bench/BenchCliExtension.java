package io.onex.bench;

import io.onex.runtime.cli.CliExtension;
import java.util.Map;

/**
 * Adds {@code onex bench} ({@code publish}, {@code e2e}, {@code workflow}, {@code persist}) to the launcher, from this module: the
 * production jars carry no benchmark code.
 */
public final class BenchCliExtension implements CliExtension {

    @Override
    public Map<String, Object> commands() {
        return Map.of("bench", new BenchCommand());
    }
}
