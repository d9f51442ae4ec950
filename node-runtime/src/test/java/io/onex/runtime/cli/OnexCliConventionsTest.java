package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every verb of {@code onex}, those of service-loaded extensions included (whoever adds them later), answers
 * {@code --help} and {@code --version}, and the runtime's verbs name the same things the same way.
 */
class OnexCliConventionsTest {

    /** Every command path of the tree, e.g. {@code [serve]}, {@code [bench, publish]}. */
    static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().aliases().equals(new String[0]) && !name.equals(sub.getCommandName())) {
                return; // an alias of a command already walked
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }

    private static String[] with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args.toArray(String[]::new);
    }

    /** The long names of the visible options of each verb, shared ones (help, version, verbose, classpath) left out. */
    static Map<String, TreeSet<String>> visibleOptions(CommandLine root) {
        Map<String, TreeSet<String>> verbs = new TreeMap<>();
        root.getSubcommands().forEach((name, sub) -> {
            TreeSet<String> names = new TreeSet<>();
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.hidden() && !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--verbose")
                        && !o.longestName().equals("--classpath")) {
                    names.add(o.longestName());
                }
            }
            verbs.put(name, names);
        });
        return verbs;
    }

    @Test
    void everyVerbAnswersHelpWithItsUsageAndVersionWithTheVersion() {
        CommandLine tree = OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<List<String>> paths = commandPaths(tree, List.of());
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("validate", "serve", "run", "publish", "config", "broker", "new-node", "help", "echo");

        for (List<String> path : paths) {
            String verb = String.join(" ", path);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int help = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(with(path, "--help"));
            assertThat(help).as(verb + " --help: " + err).isZero();
            assertThat(out.toString()).as(verb + " --help").contains("Usage: onex " + verb + " ");

            StringWriter versionOut = new StringWriter();
            int version = OnexCli.commandLine(new PrintWriter(versionOut, true), new PrintWriter(new StringWriter(), true))
                    .execute(with(path, "--version"));
            assertThat(version).as(verb + " --version").isZero();
            assertThat(versionOut.toString()).as(verb + " --version").isEqualTo("onex 0.1.0" + System.lineSeparator());
        }
    }

    @Test
    void everyVerbTakesVerboseAndTheShortFormsOfHelpVersionAndVerbose() {
        CommandLine tree = OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (List<String> path : commandPaths(tree, List.of())) {
            CommandLine cl = tree;
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            assertThat(cl.getCommandSpec().optionsMap()).as(String.join(" ", path))
                    .containsKeys("--help", "--version", "--verbose");
        }
        assertThat(tree.getSubcommands().get("serve").getCommandSpec().optionsMap()).containsKeys("-h", "-V", "-v");
    }

    @Test
    void theRuntimeVerbsNameTheSameThingsTheSameWay() {
        CommandLine tree = OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Map<String, TreeSet<String>> options = visibleOptions(tree);

        assertThat(options.get("validate")).containsExactly("--contracts");
        assertThat(options.get("serve")).containsExactly("--bootstrap", "--contracts", "--http-port", "--timeout",
                "--wait-for-broker");
        assertThat(options.get("run")).containsExactly("--all-nodes", "--bootstrap", "--contracts", "--correlation-id",
                "--input", "--timeout");
        assertThat(options.get("publish")).containsExactly("--bootstrap", "--contracts", "--count", "--event-type",
                "--payload", "--timeout", "--topic");
        assertThat(options.get("broker")).isEmpty();
        assertThat(options.get("config")).isEmpty();
    }

    @Test
    void everyVerbThatReadsContractsTakesTheUsersClasspathAndNoOtherDoes() {
        CommandLine tree = OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (List<String> path : commandPaths(tree, List.of())) {
            CommandLine cl = tree;
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            Map<String, OptionSpec> options = cl.getCommandSpec().optionsMap();
            assertThat(options.containsKey("--classpath")).as(String.join(" ", path))
                    .isEqualTo(options.containsKey("--contracts"));
        }
        assertThat(tree.getSubcommands().get("validate").getCommandSpec().optionsMap()).containsKey("--classpath");
    }

    @Test
    void formerSpellingsStillWorkButAreHidden() {
        CommandLine tree = OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        OptionSpec legacy = tree.getSubcommands().get("serve").getCommandSpec().findOption("--for");

        assertThat(legacy.hidden()).isTrue();
        StringWriter out = new StringWriter();
        OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute("serve", "--help");
        assertThat(out.toString()).contains("--timeout").doesNotContain("--for");
    }
}
