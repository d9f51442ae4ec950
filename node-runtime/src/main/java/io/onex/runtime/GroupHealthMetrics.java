package io.onex.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.lag.PartitionOffsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The consumer-group meters the alert rules and the dashboard read (ops/prometheus, ops/grafana):
 * {@value #LAG} per partition (tags {@code group}, {@code topic}, {@code partition}), and per group
 * {@value #HEALTH} (0 ok, 1 warning, 2 critical), {@value #VERDICT} (1 for the current verdict, tag {@code verdict}),
 * {@value #MEMBERS} and {@value #LAG_THRESHOLD} (tag {@code level} = {@code warning|critical}). Before a group's
 * first sample its gauges read NaN.
 */
final class GroupHealthMetrics {

    static final String LAG = "onex.group.lag";
    static final String HEALTH = "onex.group.health";
    static final String VERDICT = "onex.group.verdict";
    static final String MEMBERS = "onex.group.members";
    static final String LAG_THRESHOLD = "onex.group.lag.threshold";
    /** The consumer loops' record counter, whose outcomes give a group's dead-letter rate. */
    static final String RECORDS = "onex.consumer.records";

    private final MeterRegistry registry;
    private final MultiGauge lag;
    private final Map<String, GroupVerdict> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Integer> members = new ConcurrentHashMap<>();
    private final Map<String, List<PartitionOffsets>> partitions = new ConcurrentHashMap<>();

    GroupHealthMetrics(MeterRegistry registry, List<GroupWatch> watches) {
        this.registry = registry;
        this.lag = MultiGauge.builder(LAG).description("Records behind the end of the partition, by the group's "
                + "committed offset, as last sampled").register(registry);
        for (GroupWatch w : watches) {
            String g = w.group();
            gauge(HEALTH, g, Tags.empty(), v -> verdict(g).map(x -> (double) x.severity().ordinal()),
                    "Lag verdict of the group: 0 ok, 1 warning, 2 critical");
            for (GroupVerdict.Kind kind : GroupVerdict.Kind.values()) {
                gauge(VERDICT, g, Tags.of("verdict", kind.wireName()),
                        v -> verdict(g).map(x -> x.kind() == kind ? 1.0 : 0.0), "1 for the group's current verdict");
            }
            gauge(MEMBERS, g, Tags.empty(), v -> Optional.ofNullable(members.get(g)).map(Integer::doubleValue),
                    "Members of the group, as last sampled");
            gauge(LAG_THRESHOLD, g, Tags.of("level", "warning"), v -> Optional.of((double) w.thresholds().lagWarning()),
                    "The group's lag thresholds (contract health section, else ONEX_LAG_*)");
            gauge(LAG_THRESHOLD, g, Tags.of("level", "critical"),
                    v -> Optional.of((double) w.thresholds().lagCritical()),
                    "The group's lag thresholds (contract health section, else ONEX_LAG_*)");
        }
    }

    private void gauge(String name, String group, Tags tags, Function<Object, Optional<Double>> value, String doc) {
        Gauge.builder(name, this, m -> value.apply(m).orElse(Double.NaN)).tags(tags.and("group", group))
                .description(doc).strongReference(true).register(registry);
    }

    private Optional<GroupVerdict> verdict(String group) {
        return Optional.ofNullable(verdicts.get(group));
    }

    /** Records a group's newest sample and verdict. */
    void update(String group, int memberCount, List<PartitionOffsets> offsets, GroupVerdict verdict) {
        members.put(group, memberCount);
        partitions.put(group, List.copyOf(offsets));
        verdicts.put(group, verdict);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        partitions.forEach((g, ps) -> ps.forEach(p -> rows.add(MultiGauge.Row.of(Tags.of("group", g, "topic",
                p.topic(), "partition", Integer.toString(p.partition())), p.lag()))));
        lag.register(rows, true);
    }

    /** The running total of a consumer's records with an outcome ({@code processed}, {@code dead_lettered}). */
    long records(String consumer, String outcome) {
        Counter c = registry.find(RECORDS).tag("consumer", consumer).tag("outcome", outcome).counter();
        return c == null ? 0 : (long) c.count();
    }
}
