package io.onex.runtime;

import com.google.inject.Module;
import io.onex.runtime.inject.CoreModule;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.inject.ResilienceModule;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.deadletter.DeadLetterTopics;
import io.onex.runtime.payload.PayloadSchemas;
import java.util.ArrayList;
import java.util.List;

/** The Guice modules of a runtime's injector, in order: the runtime's features, then the service's own. */
final class RuntimeModules {

    private RuntimeModules() {
    }

    static List<Module> of(CoreModule core, KafkaModule kafka, WorkflowModule workflows, PayloadSchemas payloadSchemas,
            DeadLetterTopics deadLetterTopics, List<Module> userModules) {
        List<Module> m = new ArrayList<>();
        m.add(core);
        m.add(kafka);
        m.add(new ResilienceModule(deadLetterTopics));
        m.add(workflows);
        m.add(binder -> binder.bind(PayloadSchemas.class).toInstance(payloadSchemas));
        m.addAll(userModules);
        return m;
    }
}
