package io.onex.runtime.workflow.internal;

import io.onex.api.contract.RetrySpec;
import io.onex.runtime.workflow.WorkflowStep;
import io.onex.runtime.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step as read from the file before its expressions are compiled: expressions can only be checked once the graph
 * is known, since a step may read only the steps it depends on.
 */
final class RawStep {
    String name;
    YamlNode.Mark mark;
    String field;
    WorkflowStep.Type type;
    String node;
    YamlNode input;
    YamlNode.Mark inputMark;
    final List<String> dependsOn = new ArrayList<>();
    final List<YamlNode.Mark> dependsOnMarks = new ArrayList<>();
    YamlNode.Mark dependsOnMark;
    YamlNode when;
    YamlNode.Mark whenMark;
    WorkflowStep.OnError onError = WorkflowStep.OnError.FAIL;
    RetrySpec retry;
    Duration timeout;
    String description;
    final List<RawStep> steps = new ArrayList<>();
    RawStep parent;
}
