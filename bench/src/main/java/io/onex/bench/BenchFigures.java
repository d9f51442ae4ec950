package io.onex.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** The figures every bench reports the same way: medians of rounds, the rounds themselves, process CPU and GC time. */
final class BenchFigures {

    private BenchFigures() {
    }

    /** The median of the rounds' figures. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The rounds' figures, rounded, as {@code [a, b, c]}. */
    static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray());
    }

    /** CPU time of this process so far, all threads (the embedded broker's too). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Time spent in garbage collection so far, all collectors. */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
