package io.onex.runtime.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmResourceUsageTest {

    @Test
    void samplesUsedHeapAndACpuLoadWithinTheMachinesCapacity() {
        ResourceUsage usage = ResourceUsageSource.jvm().sample();

        double maxHeapMb = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
        assertThat(usage.memoryMb()).isGreaterThan(0).isLessThanOrEqualTo(maxHeapMb);
        // getProcessCpuLoad is normalised over all cores: 0 to 100 percent of the machine
        assertThat(usage.cpuPercent()).isBetween(0.0, 100.0);
    }
}
