package io.onex.runtime.introspection;

/** Samples the process's resource usage for heartbeats. Tests pin values with a lambda. */
@FunctionalInterface
public interface ResourceUsageSource {

    /** Samples now. Cheap; called once per heartbeat. */
    ResourceUsage sample();

    /** The JVM's own numbers: used heap, and the process CPU load where the platform MXBean offers it. */
    static ResourceUsageSource jvm() {
        return new JvmResourceUsage();
    }
}
