package io.onex.runtime.cli;

import java.util.Map;

/**
 * Adds verbs to {@code onex} from a module the runtime does not depend on (the shipped nodes add {@code demo}
 * and {@code nodes} this way, the bench module {@code bench}). Found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.onex.runtime.cli.CliExtension}.
 */
public interface CliExtension {

    /**
     * The verbs to add, by name. Each value is a picocli {@code @Command} object (or class) exactly as
     * {@link picocli.CommandLine#addSubcommand(String, Object)} takes it.
     */
    Map<String, Object> commands();
}
