package io.onex.runtime.cli;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.NodeClasses;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowValidationException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code onex validate FILE...}: checks contracts (and their implementation classes) and workflows; exit 1 on any
 * problem. A YAML file with a top-level {@code steps:} key is a workflow (contracts never have one); workflows are
 * checked against the contracts of {@code --contracts}.
 */
@Command(name = "validate", description = "Validate contract and workflow files or folders; print every problem with "
        + "file:line:column. A file with a top-level 'steps:' key is a workflow.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "contract or workflow files (*.yaml) or folders of them")
    List<Path> files;

    @Option(names = "--contracts", defaultValue = "contracts",
            description = "the contracts workflows are checked against (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ContractLoader loader = new ContractLoader(System.getenv());
        List<String> problems = new ArrayList<>();
        List<Path> workflows = new ArrayList<>();
        int ok = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                problems.add(file + ": no such file or folder");
                continue;
            }
            List<Path> contractFiles = new ArrayList<>();
            for (Path f : yamlFiles(file, problems)) {
                (WorkflowLoader.isWorkflowFile(f) ? workflows : contractFiles).add(f);
            }
            if (contractFiles.isEmpty()) {
                continue;
            }
            List<NodeContract> loaded;
            try {
                loaded = loader.loadAll(contractFiles);
            } catch (ContractValidationException e) {
                problems.add(e.getMessage());
                continue;
            }
            List<String> classProblems = new ArrayList<>();
            // a node other runtimes run has no class here to check
            NodeClasses.resolve(loaded.stream().filter(c -> !c.servedElsewhere()).toList(),
                    Thread.currentThread().getContextClassLoader(), classProblems);
            problems.addAll(classProblems);
            if (classProblems.isEmpty()) {
                for (NodeContract c : loaded) {
                    spec.commandLine().getOut().printf("ok   %s  (%s %s, %s)%n", c.source().map(Path::toString).orElse(file.toString()),
                            c.name(), c.version(), c.nodeType().wireName());
                    ok++;
                }
            }
        }
        ok += validateWorkflows(loader, workflows, problems);
        for (String p : problems) {
            spec.commandLine().getErr().println(p);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return problems.isEmpty() && ok > 0 ? 0 : 1;
    }

    private int validateWorkflows(ContractLoader loader, List<Path> workflows, List<String> problems) {
        if (workflows.isEmpty()) {
            return 0;
        }
        WorkflowLoader workflowLoader;
        try {
            workflowLoader = WorkflowLoading.loader(Files.exists(contracts) ? loader.loadAll(contracts) : List.of(),
                    System.getenv());
        } catch (ContractValidationException e) {
            problems.add("cannot check workflows against " + contracts + ", whose contracts are invalid:\n" + e.getMessage());
            return 0;
        }
        int ok = 0;
        for (Path w : workflows) {
            try {
                WorkflowDefinition wf = workflowLoader.load(w);
                spec.commandLine().getOut().printf("ok   %s  (workflow %s %s, %d steps)%n", w, wf.name(), wf.version(),
                        wf.nodeSteps().size());
                if (!wf.warnings().isEmpty()) {
                    spec.commandLine().getErr().println(wf.warningMessage());
                }
                ok++;
            } catch (WorkflowValidationException e) {
                problems.add(e.getMessage());
            }
        }
        return ok;
    }

    /** A file as given, or the *.yaml / *.yml files directly in a folder, by name. */
    private static List<Path> yamlFiles(Path fileOrFolder, List<String> problems) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        try (Stream<Path> listing = Files.list(fileOrFolder)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (java.io.IOException e) {
            problems.add(fileOrFolder + ": cannot list the folder: " + e);
            return List.of();
        }
    }
}
