package io.onex.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every verb of {@code onex} shares, whoever wrote it (the runtime's verbs, and those of {@link CliExtension}s):
 * {@code -h/--help}, {@code -V/--version} and {@code -v/--verbose}, added to each command of the tree that does not
 * declare them itself; and the log levels: warnings only by default, the runtime's INFO lines with {@code --verbose},
 * the Kafka clients' and broker's own lines at ERROR (WARN with {@code --verbose}); and {@code --classpath} on every
 * verb that reads contracts ({@link UserClasspath}), applied by {@link #withUserClasses}.
 */
final class CliConventions {

    static final String VERBOSE = "--verbose";
    private static final String CONTRACTS = "--contracts";
    private static final String[] KAFKA_LOGGERS = {"org.apache.kafka", "kafka", "state.change.logger"};

    private CliConventions() {
    }

    /** Adds the shared options to every command of the tree under {@code root}, with the root's version. */
    static void apply(CommandLine root) {
        root.getCommandSpec().usageMessage().footer("%nRelative paths, defaults such as contracts/ included, resolve"
                + " against the folder you run onex in. Your node classes: --classpath, else " + UserClasspath.ENV
                + ", else target/classes beside a pom.xml.");
        String[] version = root.getCommandSpec().version();
        root.getSubcommands().values().forEach(sub -> apply(sub, version));
    }

    private static void apply(CommandLine cl, String[] version) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.version().length == 0) {
            spec.version(version);
        }
        add(spec, OptionSpec.builder(names(spec, "-h", "--help")).usageHelp(true)
                .description("Show this help message and exit."));
        add(spec, OptionSpec.builder(names(spec, "-V", "--version")).versionHelp(true)
                .description("Print version information and exit."));
        add(spec, OptionSpec.builder(names(spec, "-v", VERBOSE)).arity("0")
                .description("Log the runtime's INFO lines too (on stderr); default: warnings only."));
        if (spec.optionsMap().containsKey(CONTRACTS)) { // a verb that reads contracts loads their classes
            add(spec, OptionSpec.builder(names(spec, null, UserClasspath.OPTION)).paramLabel("PATH").type(String.class)
                    .description(UserClasspath.DESCRIPTION));
        }
        cl.getSubcommands().values().forEach(sub -> apply(sub, version));
    }

    /** The names not yet taken; none when the long name is (the command has its own option). */
    private static String[] names(CommandSpec spec, String shortName, String longName) {
        if (spec.optionsMap().containsKey(longName)) {
            return new String[0];
        }
        if (shortName == null) {
            return new String[] {longName};
        }
        return spec.optionsMap().containsKey(shortName) ? new String[] {longName} : new String[] {shortName, longName};
    }

    private static void add(CommandSpec spec, OptionSpec.Builder option) {
        if (option.names().length > 0) {
            spec.addOption(option.build());
        }
    }

    /**
     * Sets the log levels for a parsed command line: {@code ONEX_LOG_LEVEL} when set, else INFO with
     * {@code --verbose} on any command of the line, else WARN.
     */
    static void configureLogging(CommandLine.ParseResult parsed, Map<String, String> env) {
        boolean verbose = false;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption(VERBOSE);
        }
        String explicit = env.get("ONEX_LOG_LEVEL");
        Level onex = explicit != null && !explicit.isBlank() ? Level.toLevel(explicit.trim(), Level.WARN)
                : verbose ? Level.INFO : Level.WARN;
        try {
            Configurator.setLevel("io.onex", onex);
            for (String logger : KAFKA_LOGGERS) {
                Configurator.setLevel(logger, verbose ? Level.WARN : Level.ERROR);
            }
        } catch (NoClassDefFoundError withoutLog4j) {
            // log4j-core is optional: a service embedding the CLI keeps its own logging
        }
    }

    /**
     * Runs a parsed command line with the user's classes ({@link UserClasspath}) as the thread's context class loader,
     * which is where the runtime looks up contracts' implementation classes; the former loader is restored after.
     */
    static int withUserClasses(CommandLine.ParseResult parsed, Map<String, String> env,
            CommandLine.IExecutionStrategy strategy) {
        CommandLine.ParseResult verb = parsed;
        while (verb.subcommand() != null) {
            verb = verb.subcommand();
        }
        if (!verb.commandSpec().optionsMap().containsKey(UserClasspath.OPTION)
                || verb.isUsageHelpRequested() || verb.isVersionHelpRequested()) {
            return strategy.execute(parsed);
        }
        List<Path> entries;
        try {
            entries = UserClasspath.entries(verb.matchedOptionValue(UserClasspath.OPTION, null), env,
                    Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(verb.commandSpec().commandLine(), e.getMessage());
        }
        if (entries.isEmpty()) {
            return strategy.execute(parsed);
        }
        Thread thread = Thread.currentThread();
        ClassLoader former = thread.getContextClassLoader();
        thread.setContextClassLoader(UserClasspath.loader(entries,
                former != null ? former : CliConventions.class.getClassLoader()));
        try {
            return strategy.execute(parsed);
        } finally {
            thread.setContextClassLoader(former);
        }
    }
}
