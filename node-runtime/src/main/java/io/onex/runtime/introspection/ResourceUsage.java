package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFields.CPU_PERCENT;
import static io.onex.runtime.introspection.IntrospectionFields.MEMORY_MB;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code resource_usage} object of {@code node-heartbeat}: the process's, since nodes share a JVM.
 *
 * @param memoryMb used heap, in MiB
 * @param cpuPercent the process's recent CPU load, 0 to 100 (0 when the JVM cannot tell)
 */
public record ResourceUsage(double memoryMb, double cpuPercent) {

    /** Nothing measured. */
    public static final ResourceUsage NONE = new ResourceUsage(0, 0);

    public ResourceUsage {
        if (memoryMb < 0 || Double.isNaN(memoryMb)) {
            throw new IllegalArgumentException("memoryMb must be >= 0, but was " + memoryMb);
        }
        if (cpuPercent < 0 || Double.isNaN(cpuPercent)) {
            throw new IllegalArgumentException("cpuPercent must be >= 0, but was " + cpuPercent);
        }
    }

    /** The wire form, each value rounded to one decimal (finer is noise). */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MEMORY_MB, oneDecimal(memoryMb));
        m.put(CPU_PERCENT, oneDecimal(cpuPercent));
        return m;
    }

    static ResourceUsage read(PayloadReader r) {
        return new ResourceUsage(r.decimalOr(MEMORY_MB, BigDecimal.ZERO).doubleValue(),
                r.decimalOr(CPU_PERCENT, BigDecimal.ZERO).doubleValue());
    }

    private static BigDecimal oneDecimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }
}
