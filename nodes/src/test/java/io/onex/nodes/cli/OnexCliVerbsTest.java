package io.onex.nodes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The whole {@code onex} tree as the shipped nodes' module sees it (the runtime's verbs and every service-loaded
 * extension: demo, nodes, stamp, and whatever is added later): each verb answers {@code --help} and {@code --version},
 * and the nodes' verbs use the shared option names.
 */
class OnexCliVerbsTest {

    private static CommandLine tree() {
        return OnexCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private static List<List<String>> paths(CommandLine cl, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases are the same command
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                out.add(path);
                out.addAll(paths(sub, path));
            }
        });
        return out;
    }

    private static int execute(StringWriter out, List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute(args.toArray(String[]::new));
    }

    @Test
    void everyRegisteredVerbAnswersHelpAndVersion() {
        List<List<String>> paths = paths(tree(), List.of());
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("demo", "nodes", "stamp", "serve", "publish");

        for (List<String> path : paths) {
            String verb = String.join(" ", path);
            StringWriter help = new StringWriter();
            assertThat(execute(help, path, "--help")).as(verb + " --help").isZero();
            assertThat(help.toString()).as(verb + " --help").contains("Usage: onex " + verb + " ");
            StringWriter version = new StringWriter();
            assertThat(execute(version, path, "--version")).as(verb + " --version").isZero();
            assertThat(version.toString()).as(verb + " --version").startsWith("onex ");
        }
    }

    @Test
    void theNodesVerbsUseTheSharedOptionNames() {
        CommandLine tree = tree();

        assertThat(visible(tree, "demo")).containsExactly("--bootstrap", "--contracts", "--timeout");
        assertThat(visible(tree, "nodes")).containsExactly("--all", "--bootstrap", "--contracts", "--name", "--status",
                "--timeout", "--type", "--wait", "--watch");
        assertThat(visible(tree, "stamp")).containsExactly("--bootstrap", "--contracts", "--intelligence",
                "--namespace", "--timeout");
        assertThat(tree.getSubcommands().get("nodes").getCommandSpec().findOption("--contract").hidden()).isTrue();
        assertThat(tree.getSubcommands().get("nodes").getCommandSpec().findOption("--for").hidden()).isTrue();
    }

    @Test
    void noVerbOffersTheFormerSpellingsVisibly() {
        CommandLine tree = tree();
        for (List<String> path : paths(tree, List.of())) {
            CommandLine cl = tree;
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(o.names()).as(String.join(" ", path)).doesNotContain("--for", "--contract");
                }
            }
        }
    }

    private static TreeSet<String> visible(CommandLine tree, String verb) {
        TreeSet<String> names = new TreeSet<>();
        for (OptionSpec o : tree.getSubcommands().get(verb).getCommandSpec().options()) {
            if (!o.hidden() && !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--verbose")
                        && !o.longestName().equals("--classpath")) {
                names.add(o.longestName());
            }
        }
        return names;
    }
}
