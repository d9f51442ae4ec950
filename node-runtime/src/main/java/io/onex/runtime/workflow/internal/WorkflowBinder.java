package io.onex.runtime.workflow.internal;

import io.onex.api.contract.NodeType;
import io.onex.api.topic.TopicName;
import io.onex.runtime.contract.ResilienceBinder;
import io.onex.runtime.workflow.SourceLocation;
import io.onex.runtime.workflow.ValueTemplate;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEventTopics;
import io.onex.runtime.workflow.WorkflowInput;
import io.onex.runtime.workflow.WorkflowStep;
import io.onex.runtime.yaml.EnvironmentSubstitution;
import io.onex.runtime.yaml.FileProblems;
import io.onex.runtime.yaml.Section;
import io.onex.runtime.yaml.ValueReader;
import io.onex.runtime.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds a located YAML tree to a {@link WorkflowDefinition}, collecting every problem: unknown keys, missing or
 * mistyped values, duplicate step names, unknown dependencies, cycles, unknown nodes or nodes of the wrong kind, and
 * expressions that do not parse or read something they may not.
 */
public final class WorkflowBinder {

    static final List<String> ROOT_KEYS = List.of("name", "version", "description", "inputs", "steps", "outputs",
            "error_handling", "timeout", "event_topics");
    static final List<String> INPUT_KEYS = List.of("type", "required", "default", "description");
    static final List<String> STEP_KEYS = List.of("name", "type", "description", "node", "effect_node", "compute_node",
            "reducer_node", "input", "depends_on", "when", "on_error", "retry", "timeout", "steps");
    static final List<String> ERROR_HANDLING_KEYS = List.of("on_step_failure");
    private static final List<String> TYPES = List.of("effect", "compute", "reduce", "parallel");
    private static final List<String> ON_ERROR = List.of("fail", "continue", "skip");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WORKFLOW_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
    /** Names expressions already use, and CEL's reserved words. */
    private static final Set<String> RESERVED = Set.of("input", "error", "true", "false", "null", "in", "as", "break",
            "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace",
            "return", "var", "void", "while", "size", "has");

    private final Map<String, NodeType> nodes;
    private final FileProblems servedElsewhere;
    private final ExpressionCompiler compiler;
    private final FileProblems problems;
    private final ValueReader values;
    private final TemplateCompiler templates;
    private final Map<String, RawStep> allByName = new LinkedHashMap<>();
    private final Map<String, RawStep> nested = new HashMap<>();

    /**
     * @param nodes the available node contracts by name, with their kind
     * @param compiler the expression compiler
     * @param problems where problems go
     */
    public WorkflowBinder(Map<String, NodeType> nodes, ExpressionCompiler compiler, FileProblems problems) {
        this(nodes, Map.of(), compiler, problems);
    }

    /**
     * @param nodes the available node contracts by name, with their kind
     * @param nodeOutputs the output fields (name to type) of the nodes that declare them, by node name: expressions
     *        reading another field of a step calling such a node are problems
     * @param compiler the expression compiler
     * @param problems where problems go
     */
    public WorkflowBinder(Map<String, NodeType> nodes, Map<String, Map<String, String>> nodeOutputs,
            ExpressionCompiler compiler, FileProblems problems) {
        this(nodes, nodeOutputs, compiler, problems, null);
    }

    /**
     * @param nodes the available node contracts by name, with their kind
     * @param nodeOutputs the output fields (name to type) of the nodes that declare them, by node name
     * @param compiler the expression compiler
     * @param problems where problems go
     * @param servedElsewhere where a step naming a node without a contract is noted, as a node other runtimes run;
     *        null to make such a step a problem
     */
    public WorkflowBinder(Map<String, NodeType> nodes, Map<String, Map<String, String>> nodeOutputs,
            ExpressionCompiler compiler, FileProblems problems, FileProblems servedElsewhere) {
        this.servedElsewhere = servedElsewhere;
        this.nodes = nodes;
        this.compiler = compiler;
        this.problems = problems;
        // workflow values are not environment-substituted: ${...} are expressions here
        this.values = new ValueReader(problems, new EnvironmentSubstitution(Map.of()));
        this.templates = new TemplateCompiler(compiler, problems, new OutputFieldCheck(nodeOutputs, step -> {
            RawStep r = allByName.get(step);
            return r == null ? null : r.node;
        }));
    }

    /** Binds the tree; the result is meaningful only when no problem was added. */
    public Optional<WorkflowDefinition> bind(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping)) {
            problems.add(root.mark(), "", "expected a mapping of workflow keys (name, version, steps, ...), but was "
                    + root.describe());
            return Optional.empty();
        }
        Section s = Section.open(root, root.mark(), "", ROOT_KEYS, values).orElseThrow();
        s.require("name");
        s.require("version");
        String name = s.matching("name", WORKFLOW_NAME, "a workflow name of letters, digits, '_', '.', '-'").orElse("");
        String version = s.matching("version", VERSION, "a semantic version like 1.0.0").orElse("");
        String description = s.string("description").orElse("");
        Duration timeout = s.positiveDuration("timeout").orElse(null);
        Map<String, String> eventTopics = eventTopics(s);
        List<WorkflowInput> inputs = inputs(s);
        Set<String> inputNames = new LinkedHashSet<>();
        inputs.forEach(i -> inputNames.add(i.name()));

        List<RawStep> steps = s.require("steps") ? stepList(s, "steps", null) : List.of();
        List<RawStep> handlers = s.section("error_handling", ERROR_HANDLING_KEYS)
                .map(eh -> eh.has("on_step_failure") ? stepList(eh, "on_step_failure", null) : List.<RawStep>of())
                .orElse(List.of());
        if (s.has("steps") && steps.isEmpty() && problems.isEmpty()) {
            s.problem("steps", "expected at least one step");
        }
        StepGraph main = new StepGraph(steps, nested, problems);
        StepGraph handling = new StepGraph(handlers, nested, problems);
        Set<String> mainNames = new LinkedHashSet<>();
        steps.forEach(r -> StepGraph.addWithNested(r, mainNames));
        mainNames.remove(null);
        Set<String> all = new TreeSet<>(allByName.keySet());

        List<WorkflowStep> boundSteps = new ArrayList<>();
        for (RawStep r : steps) {
            boundSteps.add(step(r, new ExpressionCompiler.Scope(inputNames, main.readable(r), all, false)));
        }
        List<WorkflowStep> boundHandlers = new ArrayList<>();
        for (RawStep r : handlers) {
            Set<String> readable = new LinkedHashSet<>(mainNames);
            readable.addAll(handling.readable(r));
            boundHandlers.add(step(r, new ExpressionCompiler.Scope(inputNames, readable, all, true)));
        }
        Map<String, ValueTemplate> outputs = outputs(s, new ExpressionCompiler.Scope(inputNames, mainNames, all, false));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowDefinition(name, version, description, inputs, boundSteps, outputs,
                boundHandlers, timeout, location(root.mark()), eventTopics,
                servedElsewhere == null ? List.of() : servedElsewhere.list()));
    }

    /** {@code event_topics}: where the file's workflow events go instead of the engine's topics, each key optional. */
    private Map<String, String> eventTopics(Section s) {
        Map<String, String> out = new LinkedHashMap<>();
        s.section("event_topics", WorkflowEventTopics.KEYS).ifPresent(topics -> {
            for (String key : WorkflowEventTopics.KEYS) {
                topics.string(key).ifPresent(topic -> {
                    String problem = TopicName.problem(topic);
                    if (problem != null) {
                        topics.problem(key, problem);
                    } else {
                        out.put(key, topic);
                    }
                });
            }
        });
        return out;
    }

    private List<WorkflowInput> inputs(Section s) {
        List<WorkflowInput> out = new ArrayList<>();
        Optional<YamlNode.Entry> entry = s.entry("inputs");
        if (entry.isEmpty()) {
            return out;
        }
        Optional<YamlNode.Mapping> m = values.mapping(entry.get().value(), entry.get().keyMark(), "inputs");
        if (m.isEmpty()) {
            return out;
        }
        for (YamlNode.Entry e : m.get().entries()) {
            String field = "inputs." + e.key();
            checkName(e.key(), e.keyMark(), field, "input");
            Optional<Section> in = Section.open(e.value(), e.keyMark(), field, INPUT_KEYS, values);
            if (in.isEmpty()) {
                continue;
            }
            String type = in.get().oneOf("type", WorkflowInput.TYPES).orElse("any");
            boolean required = in.get().bool("required").orElse(false);
            Object def = in.get().entry("default").flatMap(d -> values.free(d.value(), d.keyMark(), field + ".default"))
                    .orElse(null);
            WorkflowInput input = new WorkflowInput(e.key(), type, required, def,
                    in.get().string("description").orElse(""), location(e.keyMark()));
            if (def != null && !input.accepts(CelData.plain(CelData.of(def, null)))) {
                in.get().problem("default", "expected a default of type " + type + ", but was '" + def + "'");
            }
            out.add(input);
        }
        return out;
    }

    private List<RawStep> stepList(Section s, String key, RawStep parent) {
        YamlNode.Entry e = s.entry(key).orElseThrow();
        Optional<YamlNode.Sequence> seq = values.list(e.value(), e.keyMark(), s.field(key));
        List<RawStep> out = new ArrayList<>();
        if (seq.isEmpty()) {
            return out;
        }
        for (int i = 0; i < seq.get().items().size(); i++) {
            YamlNode item = seq.get().items().get(i);
            String field = s.field(key) + "[" + i + "]";
            Section.open(item, item.mark(), field, STEP_KEYS, values).ifPresent(st -> out.add(rawStep(st, item, field, parent)));
        }
        return out;
    }

    private RawStep rawStep(Section s, YamlNode item, String field, RawStep parent) {
        RawStep r = new RawStep();
        r.mark = item.mark();
        r.field = field;
        r.parent = parent;
        if (s.require("name")) {
            s.string("name").ifPresent(n -> {
                if (checkName(n, s.markOf("name"), s.field("name"), "step")) {
                    RawStep first = allByName.putIfAbsent(n, r);
                    if (first != null) {
                        s.problem("name", "duplicate step name '" + n + "', already declared at line " + first.mark.line()
                                + "; expected step names unique within the workflow");
                    }
                    r.name = n;
                }
            });
        }
        s.require("type");
        r.type = s.oneOf("type", TYPES).map(t -> t.equals("reduce") ? WorkflowStep.Type.REDUCE
                : WorkflowStep.Type.valueOf(t.toUpperCase(java.util.Locale.ROOT))).orElse(null);
        r.description = s.string("description").orElse("");
        r.onError = s.oneOf("on_error", ON_ERROR).map(o -> WorkflowStep.OnError.valueOf(o.toUpperCase(java.util.Locale.ROOT)))
                .orElse(WorkflowStep.OnError.FAIL);
        r.timeout = s.positiveDuration("timeout").orElse(null);
        r.retry = s.section("retry", ResilienceBinder.RETRY_KEYS).map(ResilienceBinder::retry).orElse(null);
        r.dependsOnMark = s.markOf("depends_on");
        s.stringList("depends_on", values::string).ifPresent(deps -> {
            YamlNode.Sequence seq = (YamlNode.Sequence) s.entry("depends_on").orElseThrow().value();
            for (int i = 0; i < deps.size(); i++) {
                r.dependsOn.add(deps.get(i));
                r.dependsOnMarks.add(seq.items().get(i).mark());
            }
        });
        if (parent != null && !r.dependsOn.isEmpty()) {
            s.problem("depends_on", "a step nested in parallel step '" + parent.name + "' starts with its siblings; "
                    + "expected depends_on on '" + parent.name + "' instead");
        }
        s.entry("when").ifPresent(w -> {
            r.when = w.value();
            r.whenMark = w.keyMark();
        });
        if (r.type == WorkflowStep.Type.PARALLEL) {
            for (String k : List.of("node", "effect_node", "compute_node", "reducer_node", "input", "retry")) {
                if (s.has(k)) {
                    s.problem(k, "a parallel step calls no node itself; expected '" + k + "' on its nested steps");
                }
            }
            if (s.require("steps")) {
                r.steps.addAll(stepList(s, "steps", r));
                r.steps.forEach(n -> {
                    if (n.name != null) {
                        nested.put(n.name, n);
                    }
                });
                if (r.steps.isEmpty()) {
                    s.problem("steps", "expected at least one nested step");
                }
            }
        } else if (r.type != null) {
            if (s.has("steps")) {
                s.problem("steps", "only a parallel step has nested steps, but this step is of type " + r.type.wireName());
            }
            r.node = node(s, r.type);
            s.entry("input").ifPresent(in -> {
                r.input = in.value();
                r.inputMark = in.keyMark();
            });
        }
        return r;
    }

    /** The node of a step: {@code node}, or the seed's spelling {@code effect_node} / {@code compute_node} / {@code reducer_node}. */
    private String node(Section s, WorkflowStep.Type type) {
        String typed = switch (type) {
            case EFFECT -> "effect_node";
            case COMPUTE -> "compute_node";
            default -> "reducer_node";
        };
        List<String> given = new ArrayList<>();
        for (String k : List.of("node", "effect_node", "compute_node", "reducer_node")) {
            if (s.has(k)) {
                given.add(k);
            }
        }
        if (given.isEmpty()) {
            s.problem("node", "required key is missing: expected 'node' (or '" + typed + "') naming a node contract");
            return null;
        }
        if (given.size() > 1) {
            s.problem(given.get(1), "the node is already given by '" + given.get(0) + "'; expected one of them");
            return null;
        }
        String key = given.get(0);
        if (!key.equals("node") && !key.equals(typed)) {
            s.problem(key, "a step of type " + type.wireName() + " names its node with 'node' or '" + typed
                    + "', but was '" + key + "'");
            return null;
        }
        Optional<String> name = s.string(key);
        if (name.isEmpty()) {
            return null;
        }
        NodeType kind = nodes.get(name.get());
        if (kind == null && servedElsewhere != null) {
            servedElsewhere.add(s.markOf(key), s.field(key), "node '" + name.get() + "' has no contract here, so the "
                    + "step calls it in another runtime, unchecked (its kind and outputs); to have them checked, add "
                    + "its contract with remote.served: elsewhere; loaded contracts: " + loadedNames());
            return name.get();
        }
        if (kind == null) {
            s.problem(key, "unknown node '" + name.get() + "', expected one of the loaded contracts: " + loadedNames());
            return null;
        }
        NodeType expected = switch (type) {
            case EFFECT -> NodeType.EFFECT;
            case COMPUTE -> NodeType.COMPUTE;
            default -> NodeType.REDUCER;
        };
        if (kind != expected) {
            s.problem(key, "node '" + name.get() + "' is a " + kind.wireName() + " node, but the step is of type "
                    + type.wireName() + "; expected " + (expected == NodeType.EFFECT ? "an " : "a ") + expected.wireName() + " node");
            return null;
        }
        return name.get();
    }

    private String loadedNames() {
        return nodes.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(nodes.keySet()));
    }

    private WorkflowStep step(RawStep r, ExpressionCompiler.Scope scope) {
        ValueTemplate input = null;
        if (r.input != null) {
            input = templates.value(r.input, r.inputMark, r.field + ".input", scope).orElse(null);
        } else if (r.type != null && r.type != WorkflowStep.Type.PARALLEL) {
            input = new Templates.Literal(Map.of());
        }
        ValueTemplate when = r.when == null ? null
                : templates.condition(r.when, r.whenMark, r.field + ".when", scope).orElse(null);
        List<WorkflowStep> children = new ArrayList<>();
        for (RawStep n : r.steps) {
            children.add(step(n, scope));
        }
        return new WorkflowStep(r.name == null ? "?" : r.name, r.type == null ? WorkflowStep.Type.COMPUTE : r.type,
                r.node, input, r.dependsOn, when, r.onError, r.retry, r.timeout, children, r.description,
                location(r.mark));
    }

    private Map<String, ValueTemplate> outputs(Section s, ExpressionCompiler.Scope scope) {
        Map<String, ValueTemplate> out = new LinkedHashMap<>();
        s.entry("outputs").flatMap(e -> values.mapping(e.value(), e.keyMark(), "outputs")).ifPresent(m -> {
            for (YamlNode.Entry e : m.entries()) {
                templates.value(e.value(), e.keyMark(), "outputs." + e.key(), scope).ifPresent(t -> out.put(e.key(), t));
            }
        });
        return out;
    }

    private boolean checkName(String name, YamlNode.Mark at, String field, String what) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at, field, "expected a " + what + " name of letters, digits and '_' not starting with a digit "
                    + "(expressions read it as a name), but was '" + name + "'");
            return false;
        }
        // inputs are fields of 'input', so only step names can clash with the names expressions use
        if (what.equals("step") && RESERVED.contains(name)) {
            problems.add(at, field, "'" + name + "' is reserved in expressions; expected another " + what + " name");
            return false;
        }
        return true;
    }

    private SourceLocation location(YamlNode.Mark m) {
        return new SourceLocation(problems.file(), m.line(), m.column());
    }
}
