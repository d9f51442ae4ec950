package io.onex.runtime.compat;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One side of a comparison, loaded and validated with the runtime's own loaders: a project folder (its
 * {@code contracts/} and {@code workflows/}), a folder of YAML files, or one file. A side the loaders refuse is not
 * compared (its problems are the answer).
 */
final class ProjectVersion {

    /** A loaded contract and the file it came from. */
    record LoadedContract(NodeContract contract, YamlDocument doc) {
    }

    /** A loaded workflow and the file it came from. */
    record LoadedWorkflow(WorkflowDefinition workflow, YamlDocument doc) {
    }

    private final Map<String, LoadedContract> contracts = new LinkedHashMap<>();
    private final Map<String, LoadedWorkflow> workflows = new LinkedHashMap<>();
    private final SchemaSource schemas;

    private ProjectVersion(Path searchRoot) {
        this.schemas = new SchemaSource(searchRoot);
    }

    Map<String, LoadedContract> contracts() {
        return contracts;
    }

    Map<String, LoadedWorkflow> workflows() {
        return workflows;
    }

    SchemaSource schemas() {
        return schemas;
    }

    /**
     * Loads one side.
     *
     * @param side "old" or "new", for messages
     * @throws CompatibilityInputException when the path holds nothing to compare or the loaders refuse a file
     */
    static ProjectVersion load(String side, Path given, Map<String, String> environment) {
        if (!Files.exists(given)) {
            throw new CompatibilityInputException(given + ": no such file or folder (the " + side + " version)");
        }
        List<Path> yaml = new ArrayList<>();
        boolean project = Files.isDirectory(given.resolve("contracts")) || Files.isDirectory(given.resolve("workflows"));
        if (project) {
            yaml.addAll(yamlFiles(given.resolve("contracts")));
            yaml.addAll(yamlFiles(given.resolve("workflows")));
        } else {
            yaml.addAll(yamlFiles(given));
        }
        List<Path> contractFiles = yaml.stream().filter(f -> !WorkflowLoader.isWorkflowFile(f)).toList();
        List<Path> workflowFiles = yaml.stream().filter(WorkflowLoader::isWorkflowFile).toList();
        if (contractFiles.isEmpty() && workflowFiles.isEmpty()) {
            throw new CompatibilityInputException(given + ": no contracts or workflows (*.yaml) found (the " + side
                    + " version); expected a project folder with contracts/ or workflows/, a folder of YAML files, "
                    + "or one file");
        }
        Path folder = Files.isDirectory(given) ? given : given.toAbsolutePath().getParent();
        ProjectVersion version = new ProjectVersion(project ? given : searchRoot(folder));
        List<NodeContract> loaded;
        try {
            loaded = new ContractLoader(environment).loadAll(contractFiles);
        } catch (ContractValidationException e) {
            throw new CompatibilityInputException("the " + side + " version's contracts are invalid:\n" + e.getMessage());
        }
        for (NodeContract c : loaded) {
            Path file = c.source().orElseThrow(() -> new IllegalStateException("contract without source: " + c.name()));
            version.contracts.put(c.name(), new LoadedContract(c, YamlDocument.read(file)));
        }
        WorkflowLoader workflowLoader = WorkflowLoader.forContracts(loaded);
        for (Path f : workflowFiles) {
            try {
                WorkflowDefinition w = workflowLoader.load(f);
                version.workflows.put(w.name(), new LoadedWorkflow(w, YamlDocument.read(f)));
            } catch (WorkflowValidationException e) {
                throw new CompatibilityInputException("the " + side + " version's workflow is invalid:\n"
                        + e.getMessage());
            }
        }
        return version;
    }

    /** The nearest folder above a contracts folder that looks like a project root (up to two levels), else itself. */
    private static Path searchRoot(Path folder) {
        Path candidate = folder.toAbsolutePath();
        for (int up = 0; up < 3 && candidate != null; up++, candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("pom.xml")) || Files.isDirectory(candidate.resolve("src"))) {
                return candidate;
            }
        }
        return folder;
    }

    private static List<Path> yamlFiles(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return Files.isRegularFile(fileOrFolder) ? List.of(fileOrFolder) : List.of();
        }
        try (Stream<Path> listing = Files.list(fileOrFolder)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CompatibilityInputException(fileOrFolder + ": cannot list the folder: " + e.getMessage());
        }
    }
}
