package io.onex.runtime.cli;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.config.Setting;
import io.onex.runtime.workflow.WorkflowLoader;
import java.util.Collection;
import java.util.Map;

/**
 * How the verbs load workflows: against the loaded contracts, and, while remote calls are on
 * ({@code ONEX_REMOTE_CALLS}, default true), with steps on nodes no contract declares accepted as nodes other runtimes
 * run (a located warning; docs/remote-calls.md). With remote calls off such a step is an error, as it cannot run.
 */
final class WorkflowLoading {

    private WorkflowLoading() {
    }

    static WorkflowLoader loader(Collection<NodeContract> contracts, Map<String, String> environment) {
        WorkflowLoader loader = WorkflowLoader.forContracts(contracts);
        return remoteCallsOn(environment) ? loader.allowingNodesServedElsewhere() : loader;
    }

    /** The variable's value; its default when unset or invalid (the runtime's start reports an invalid value). */
    static boolean remoteCallsOn(Map<String, String> environment) {
        Setting setting = ConfigTable.setting(ConfigTable.ONEX_REMOTE_CALLS).orElseThrow();
        String text = environment.get(ConfigTable.ONEX_REMOTE_CALLS);
        try {
            return (Boolean) (text == null || text.isBlank() ? setting.defaultValue() : setting.parse(text.trim()));
        } catch (IllegalArgumentException e) {
            return (Boolean) setting.defaultValue();
        }
    }
}
