package io.onex.runtime.workflow;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.runtime.workflow.internal.ExpressionCompiler;
import io.onex.runtime.workflow.internal.WorkflowBinder;
import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.yaml.FileProblems;
import io.onex.runtime.yaml.YamlNode;
import io.onex.runtime.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads workflow files and validates them completely before anything runs. Every problem of a file is collected and
 * thrown together, each at {@code file:line:column: field.path}: unknown keys, missing or mistyped values, duplicate
 * step names, {@code depends_on} naming an unknown step, cycles (named), unknown node contracts or nodes of the wrong
 * kind, expressions that do not parse or that read an unknown input or a step the step does not depend on, or a
 * field of a step's result that the step's node does not declare among its {@code outputs} (when it declares them).
 *
 * <pre>{@code
 * WorkflowLoader loader = WorkflowLoader.forContracts(new ContractLoader(System.getenv()).loadAll(Path.of("contracts")));
 * WorkflowDefinition wf = loader.load(Path.of("workflows/document_ingestion.yaml"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowLoader {

    private final Map<String, NodeType> nodes;
    private final Map<String, Map<String, String>> nodeOutputs;
    private final boolean nodesServedElsewhere;
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /**
     * @param nodes the node contracts steps may call, by name, with their kind
     */
    public WorkflowLoader(Map<String, NodeType> nodes) {
        this(nodes, Map.of());
    }

    /**
     * @param nodes the node contracts steps may call, by name, with their kind
     * @param nodeOutputs the declared output fields (name to type) by node name, for the nodes that declare them
     *        (contract key {@code outputs}): an expression reading another field of such a node's step is a problem
     */
    public WorkflowLoader(Map<String, NodeType> nodes, Map<String, Map<String, String>> nodeOutputs) {
        this(nodes, nodeOutputs, false);
    }

    private WorkflowLoader(Map<String, NodeType> nodes, Map<String, Map<String, String>> nodeOutputs,
            boolean nodesServedElsewhere) {
        this.nodes = Map.copyOf(nodes);
        this.nodeOutputs = Map.copyOf(nodeOutputs);
        this.nodesServedElsewhere = nodesServedElsewhere;
    }

    /**
     * A loader for a runtime that calls nodes in other runtimes (remote calls on): a step naming a node no loaded
     * contract declares is not an error but a located warning ({@link WorkflowDefinition#warnings()}), and at run
     * time the step is routed to a live instance elsewhere or fails at once with "no live instance of ...". Its
     * kind and outputs cannot be checked; a contract with {@code remote.served: elsewhere} has them checked.
     *
     * @return a loader that differs from this one in that alone
     */
    public WorkflowLoader allowingNodesServedElsewhere() {
        return new WorkflowLoader(nodes, nodeOutputs, true);
    }

    /** A loader for steps that call the given contracts. */
    public static WorkflowLoader forContracts(Collection<NodeContract> contracts) {
        Map<String, NodeType> nodes = new LinkedHashMap<>();
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        contracts.forEach(c -> {
            nodes.put(c.name(), c.nodeType());
            if (c.declaresOutputs()) {
                outputs.put(c.name(), c.outputs());
            }
        });
        return new WorkflowLoader(nodes, outputs);
    }

    /**
     * Whether a YAML file is a workflow rather than a contract: it has a top-level {@code steps:} key (contracts
     * never do).
     *
     * @param file a YAML file
     * @return true for a workflow
     */
    public static boolean isWorkflowFile(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("steps:")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads one workflow file.
     *
     * @param file the file, named in problems as given
     * @return the workflow
     * @throws WorkflowValidationException with every problem of the file
     */
    public WorkflowDefinition load(Path file) throws WorkflowValidationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            FileProblems p = new FileProblems(file);
            p.add(YamlNode.Mark.START, "", "cannot read the file: " + e);
            throw new WorkflowValidationException(p.list());
        }
        return parse(text, file);
    }

    /**
     * Parses workflow text that does not come from a file.
     *
     * @param yaml the workflow
     * @param sourceName the name used in problems
     * @return the workflow
     * @throws WorkflowValidationException with every problem
     */
    public WorkflowDefinition parse(String yaml, Path sourceName) throws WorkflowValidationException {
        FileProblems problems = new FileProblems(sourceName);
        Optional<YamlNode> root = new YamlTreeReader(sourceName, problems.list()).read(yaml);
        Optional<WorkflowDefinition> bound = Optional.empty();
        if (root.isPresent()) {
            FileProblems servedElsewhere = nodesServedElsewhere ? new FileProblems(sourceName) : null;
            bound = new WorkflowBinder(nodes, nodeOutputs, compiler, problems, servedElsewhere).bind(root.get());
        } else if (problems.isEmpty()) {
            problems.add(YamlNode.Mark.START, "", "the file is empty, expected a workflow with at least name, version "
                    + "and steps");
        }
        // problems are found pass by pass (structure, graph, expressions); report them in file order
        problems.list().sort(java.util.Comparator.comparingInt(FileProblem::line)
                .thenComparingInt(FileProblem::column));
        if (!problems.isEmpty() || bound.isEmpty()) {
            throw new WorkflowValidationException(problems.isEmpty()
                    ? List.of(new FileProblem(sourceName, 1, 1, "", "invalid workflow"))
                    : problems.list());
        }
        return bound.get();
    }
}
