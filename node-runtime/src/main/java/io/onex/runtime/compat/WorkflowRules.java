package io.onex.runtime.compat;

import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What breaks between two versions of one workflow for those who start it and those who read its events: an input
 * added as required, removed (a run that still passes it is refused as an unknown input), retyped or made required;
 * an output removed; the topics its events go to changed.
 */
final class WorkflowRules {

    private WorkflowRules() {
    }

    static List<Change> compare(WorkflowDefinition oldFlow, WorkflowDefinition newFlow, YamlDocument newDoc) {
        List<Change> changes = new ArrayList<>();
        String what = "workflow '" + newFlow.name() + "'";
        Map<String, WorkflowInput> before = byName(oldFlow.inputs());
        Map<String, WorkflowInput> after = byName(newFlow.inputs());
        before.forEach((name, old) -> {
            WorkflowInput now = after.get(name);
            String field = "inputs." + name;
            if (now == null) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf("inputs"), "inputs", "input '" + name
                        + "' was removed; runs that still pass it are refused as an unknown input"));
                return;
            }
            if (!now.type().equals(old.type()) && !now.type().equals("any")
                    && !(old.type().equals("integer") && now.type().equals("number"))) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf(field), field, "input '" + name
                        + "' changed type from " + old.type() + " to " + now.type()));
            }
            if (mandatory(now) && !mandatory(old)) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf(field), field, "input '" + name
                        + "' is now required; runs that leave it out are refused"));
            }
        });
        after.forEach((name, now) -> {
            if (!before.containsKey(name)) {
                String field = "inputs." + name;
                changes.add(mandatory(now)
                        ? Change.breaking(newDoc.file(), newDoc.markOf(field), field, "new input '" + name
                                + "' is required; runs started as before do not pass it")
                        : Change.compatible(newDoc.file(), newDoc.markOf(field), field, "optional input '" + name
                                + "' was added"));
            }
        });
        for (String output : oldFlow.outputs().keySet()) {
            if (!newFlow.outputs().containsKey(output)) {
                changes.add(Change.breaking(newDoc.file(), newDoc.markOf("outputs"), "outputs", "output '" + output
                        + "' was removed; whoever reads the workflow's result no longer finds it"));
            }
        }
        if (!Objects.equals(oldFlow.eventTopics(), newFlow.eventTopics())) {
            changes.add(Change.breaking(newDoc.file(), newDoc.markOf("event_topics"), "event_topics", what
                    + " sends its events to " + describe(newFlow.eventTopics()) + " instead of "
                    + describe(oldFlow.eventTopics()) + "; their consumers read the old topics"));
        }
        VersionRule.check(what, oldFlow.version(), newFlow.version(), newDoc,
                changes.stream().filter(Change::isBreaking).toList()).ifPresent(changes::add);
        return changes;
    }

    private static boolean mandatory(WorkflowInput input) {
        return input.required() && input.defaultValue() == null;
    }

    private static Map<String, WorkflowInput> byName(List<WorkflowInput> inputs) {
        return inputs.stream().collect(Collectors.toMap(WorkflowInput::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static String describe(Map<String, String> topics) {
        return topics.isEmpty() ? "the engine's topics" : topics.toString();
    }
}
