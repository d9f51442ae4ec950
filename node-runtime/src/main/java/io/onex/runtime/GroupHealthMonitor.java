package io.onex.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.health.NodeHealthRule;
import io.onex.runtime.lag.GroupLagEvaluator;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.lag.LagWindow;
import io.onex.runtime.lag.PartitionOffsets;
import io.onex.runtime.ops.GroupInspector;
import io.onex.runtime.ops.GroupReport;
import io.onex.runtime.ops.PartitionLag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the consumer groups of the runtime's nodes ({@link GroupInspector}: members, committed and end offsets),
 * feeds a {@link GroupLagEvaluator}, and keeps each group's verdict for {@code /health}, the heartbeats and the
 * meters. Logs one line per change of a group's verdict. {@link #sample()} blocks on the cluster: call it off the
 * runtime's scheduler threads.
 */
final class GroupHealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(GroupHealthMonitor.class);

    private final GroupInspector inspector;
    private final List<GroupWatch> watches;
    private final GroupLagEvaluator evaluator;
    private final GroupHealthMetrics metrics;
    private final Map<String, GroupVerdict> verdicts = new ConcurrentHashMap<>();
    private volatile boolean failing;

    GroupHealthMonitor(Admin admin, List<GroupWatch> watches, LagWindow window, Clock clock, MeterRegistry registry) {
        this.inspector = new GroupInspector(admin);
        this.watches = List.copyOf(watches);
        this.evaluator = new GroupLagEvaluator(window, clock);
        this.metrics = new GroupHealthMetrics(registry, watches);
    }

    /** Samples every watched group once and judges it. Never throws: a failed sample is logged and skipped. */
    void sample() {
        if (watches.isEmpty()) {
            return;
        }
        List<GroupReport> reports;
        try {
            reports = inspector.inspect(watches.stream().map(GroupWatch::group).toList());
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("consumer groups not sampled, verdicts kept as they were: {}", e.getMessage());
                failing = true;
            }
            return;
        }
        failing = false;
        for (GroupReport r : reports) {
            GroupWatch w = watches.stream().filter(x -> x.group().equals(r.groupId())).findFirst().orElseThrow();
            List<PartitionOffsets> offsets = r.partitions().stream().map(GroupHealthMonitor::offsets).toList();
            long processed = w.consumers().stream().mapToLong(c -> metrics.records(c, "processed")).sum();
            long dead = w.consumers().stream().mapToLong(c -> metrics.records(c, "dead_lettered")).sum();
            evaluator.record(r.groupId(), r.members(), offsets, processed, dead);
            GroupVerdict v = evaluator.verdict(r.groupId(), w.thresholds()).orElseThrow();
            GroupVerdict before = verdicts.put(r.groupId(), v);
            metrics.update(r.groupId(), r.members(), offsets, v);
            if (before == null ? v.kind() != GroupVerdict.Kind.OK : before.kind() != v.kind()) {
                (v.kind() == GroupVerdict.Kind.OK ? log.atInfo() : log.atWarn())
                        .log("consumer group {} is {}: {}", r.groupId(), v.kind().wireName(), v.reason());
            }
        }
    }

    private static PartitionOffsets offsets(PartitionLag p) {
        return new PartitionOffsets(p.topic(), p.partition(), p.committed().orElse(-1), p.end());
    }

    /** Each sampled group's newest verdict, by group. */
    Map<String, GroupVerdict> verdicts() {
        return new LinkedHashMap<>(verdicts);
    }

    /** A group's health by its verdict; healthy before its first sample. */
    HealthStatus health(String group) {
        GroupVerdict v = verdicts.get(group);
        return v == null ? HealthStatus.HEALTHY : NodeHealthRule.of(v);
    }
}
