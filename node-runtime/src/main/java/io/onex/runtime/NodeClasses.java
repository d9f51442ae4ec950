package io.onex.runtime;

import io.onex.api.ComputeNode;
import io.onex.api.EffectNode;
import io.onex.api.OnexNode;
import io.onex.api.OrchestratorNode;
import io.onex.api.ReducerNode;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves and checks the implementation classes that contracts name, all of them before anything is wired:
 * the class exists, implements the interface of the contract's node type, and can be instantiated by Guice.
 */
public final class NodeClasses {
    private NodeClasses() {
    }

    /** The interface a node type's class must implement. */
    static Class<?> interfaceOf(NodeType type) {
        return switch (type) {
            case EFFECT -> EffectNode.class;
            case COMPUTE -> ComputeNode.class;
            case REDUCER -> ReducerNode.class;
            case ORCHESTRATOR -> OrchestratorNode.class;
        };
    }

    /**
     * Resolves every contract's class.
     *
     * @param contracts the contracts
     * @param loader the class loader to use
     * @param problems collects one line per problem, naming the contract file and field
     * @return contract name to class, for the contracts without problems
     */
    public static Map<String, Class<? extends OnexNode<?, ?>>> resolve(List<NodeContract> contracts, ClassLoader loader,
            List<String> problems) {
        Map<String, Class<? extends OnexNode<?, ?>>> out = new LinkedHashMap<>();
        for (NodeContract c : contracts) {
            String where = c.source().map(p -> p + ": ").orElse("contract " + c.name() + ": ");
            Class<?> cls;
            try {
                cls = Class.forName(c.implementation(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(where + "implementation: class " + c.implementation()
                        + " is not on the classpath, expected a class implementing "
                        + interfaceOf(c.nodeType()).getSimpleName());
                continue;
            }
            Class<?> expected = interfaceOf(c.nodeType());
            if (!expected.isAssignableFrom(cls)) {
                problems.add(where + "implementation: " + cls.getName() + " does not implement "
                        + expected.getSimpleName() + ", as node_type " + c.nodeType().wireName() + " requires");
                continue;
            }
            if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
                problems.add(where + "implementation: " + cls.getName() + " is abstract, expected a concrete class");
                continue;
            }
            if (!hasInjectableConstructor(cls)) {
                problems.add(where + "implementation: " + cls.getName()
                        + " has neither an @Inject constructor nor a no-argument constructor");
                continue;
            }
            @SuppressWarnings("unchecked")
            Class<? extends OnexNode<?, ?>> nodeClass = (Class<? extends OnexNode<?, ?>>) cls;
            out.put(c.name(), nodeClass);
        }
        return out;
    }

    private static boolean hasInjectableConstructor(Class<?> cls) {
        List<Constructor<?>> ctors = new ArrayList<>(List.of(cls.getDeclaredConstructors()));
        for (Constructor<?> k : ctors) {
            if (k.isAnnotationPresent(jakarta.inject.Inject.class) || k.isAnnotationPresent(com.google.inject.Inject.class)) {
                return true;
            }
            if (k.getParameterCount() == 0 && !Modifier.isPrivate(k.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
