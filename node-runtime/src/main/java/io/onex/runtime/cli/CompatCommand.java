package io.onex.runtime.cli;

import io.onex.runtime.compat.Change;
import io.onex.runtime.compat.CompatibilityCheck;
import io.onex.runtime.compat.CompatibilityInputException;
import io.onex.runtime.compat.CompatibilityReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code onex compat OLD NEW}: the changes between two versions of contracts, workflows and payload schemas that
 * break the other side, for CI (exit 1 when anything breaks).
 */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Compare two versions of a project's contracts, workflows and payload schemas and report every "
                + "change that breaks producers, consumers or callers built against the old one (a topic removed or "
                + "renamed, a topic's payload type changed, a payload field newly required or retyped, a workflow "
                + "input narrowed, a version not raised for a breaking change), located in the new files.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:compatible (compatible changes are listed)",
                "1:at least one breaking change", "2:a version cannot be read or its files are invalid"})
final class CompatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD",
            description = "the released version: a project folder (with contracts/ and workflows/), a folder of YAML "
                    + "files or one file; e.g. a `git worktree add ../v1 v1.0.0` of the last release")
    Path oldVersion;

    @Parameters(index = "1", paramLabel = "NEW", description = "the version to release, in the same shape")
    Path newVersion;

    @Option(names = "--breaking-only", description = "leave out the compatible changes")
    boolean breakingOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompatibilityReport report;
        try {
            report = new CompatibilityCheck(System.getenv()).compare(oldVersion, newVersion);
        } catch (CompatibilityInputException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (Change c : report.changes()) {
            if (c.isBreaking() || !breakingOnly) {
                out.println(c);
            }
        }
        int breaking = report.breaking().size();
        int compatible = report.changes().size() - breaking;
        CompatibilityReport.Compared n = report.compared();
        out.printf("%s: %d breaking, %d compatible change(s); compared %d contract(s), %d workflow(s), "
                        + "%d payload schema(s)%n", breaking == 0 ? "compatible" : "NOT compatible", breaking,
                compatible, n.contracts(), n.workflows(), n.payloadSchemas());
        out.flush();
        return breaking == 0 ? 0 : 1;
    }
}
