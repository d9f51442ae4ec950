package io.onex.runtime.compat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares two versions of a project's contracts, workflows and payload schemas and reports every change, located in
 * the new version, as breaking or compatible.
 *
 * <pre>{@code
 * CompatibilityReport report = new CompatibilityCheck(System.getenv()).compare(Path.of("../v1"), Path.of("."));
 * report.breaking().forEach(System.out::println);
 * }</pre>
 *
 * <p>Contracts are paired by node name and workflows by workflow name; a node or workflow the new version no longer
 * has is a breaking change located in the old file. Both sides are loaded with the runtime's loaders first, so a
 * file that would not start is reported as such ({@link CompatibilityInputException}), not compared.
 */
public final class CompatibilityCheck {

    private static final Comparator<Change> ORDER = Comparator.comparing((Change c) -> !c.isBreaking())
            .thenComparing(c -> c.file().toString())
            .thenComparingInt(c -> c.at().line())
            .thenComparingInt(c -> c.at().column());

    private final Map<String, String> environment;

    /** @param environment resolves {@code ${env:...}} in contracts, as at start-up */
    public CompatibilityCheck(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Compares two versions.
     *
     * @param oldVersion the version services were built against: a project folder, a folder of YAML files or a file
     * @param newVersion the version to release, in the same shape
     * @return every change found
     * @throws CompatibilityInputException when a side holds nothing to compare or its files are invalid
     */
    public CompatibilityReport compare(Path oldVersion, Path newVersion) {
        ProjectVersion before = ProjectVersion.load("old", oldVersion, environment);
        ProjectVersion after = ProjectVersion.load("new", newVersion, environment);
        List<Change> changes = new ArrayList<>();
        ContractRules contractRules = new ContractRules(before.schemas(), after.schemas());
        int contracts = 0;
        for (var e : before.contracts().entrySet()) {
            ProjectVersion.LoadedContract old = e.getValue();
            ProjectVersion.LoadedContract now = after.contracts().get(e.getKey());
            if (now == null) {
                changes.add(Change.breaking(old.doc().file(), old.doc().markOf("name"), "name", "node '" + e.getKey()
                        + "' is gone from the new version; its callers, consumers and producers lose it"));
                continue;
            }
            contracts++;
            changes.addAll(contractRules.compare(old.contract(), old.doc(), now.contract(), now.doc()));
        }
        after.contracts().forEach((name, now) -> {
            if (!before.contracts().containsKey(name)) {
                changes.add(Change.compatible(now.doc().file(), now.doc().markOf("name"), "name",
                        "node '" + name + "' is new"));
            }
        });
        int workflows = 0;
        for (var e : before.workflows().entrySet()) {
            ProjectVersion.LoadedWorkflow old = e.getValue();
            ProjectVersion.LoadedWorkflow now = after.workflows().get(e.getKey());
            if (now == null) {
                changes.add(Change.breaking(old.doc().file(), old.doc().markOf("name"), "name", "workflow '"
                        + e.getKey() + "' is gone from the new version; runs started by name are refused"));
                continue;
            }
            workflows++;
            changes.addAll(WorkflowRules.compare(old.workflow(), now.workflow(), now.doc()));
        }
        after.workflows().forEach((name, now) -> {
            if (!before.workflows().containsKey(name)) {
                changes.add(Change.compatible(now.doc().file(), now.doc().markOf("name"), "name",
                        "workflow '" + name + "' is new"));
            }
        });
        changes.sort(ORDER);
        return new CompatibilityReport(changes,
                new CompatibilityReport.Compared(contracts, workflows, contractRules.schemasCompared()));
    }
}
