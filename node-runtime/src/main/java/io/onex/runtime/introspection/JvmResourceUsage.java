package io.onex.runtime.introspection;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;

/** {@link ResourceUsageSource} from the JVM's management beans: {@link ResourceUsageSource#jvm()}. */
final class JvmResourceUsage implements ResourceUsageSource {

    private static final double MIB = 1024.0 * 1024.0;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public ResourceUsage sample() {
        double usedMb = memory.getHeapMemoryUsage().getUsed() / MIB;
        return new ResourceUsage(usedMb, cpuPercent());
    }

    private double cpuPercent() {
        // the com.sun bean is absent on some JVMs, and reports a negative load before its first sample
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            return load < 0 || Double.isNaN(load) ? 0 : load * 100;
        }
        return 0;
    }
}
