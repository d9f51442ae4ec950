package io.onex.runtime.contract.internal;

import io.onex.api.contract.ConsumerSpec;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.config.Setting;
import io.onex.runtime.yaml.FileProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives {@code KAFKA_CONSUMER_GROUP} to the subscribing contract that names no group of its own, when it is the only
 * one among the contracts loaded together. The variable is one value for a whole process: given to two nodes, it
 * would put them in one consumer group, where they would split each other's partitions (and a topic both consume
 * would reach only one of them). So with two or more such contracts each keeps its name as its group, and a warning
 * says why the variable was not used.
 */
public final class ConsumerGroupFallback {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupFallback.class);
    private static final String VARIABLE = ConfigTable.KAFKA_CONSUMER_GROUP;

    private final Map<String, String> environment;

    /**
     * @param environment where {@code KAFKA_CONSUMER_GROUP} is read
     */
    public ConsumerGroupFallback(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param bound contracts loaded together, without problems
     * @param problems where a bad {@code KAFKA_CONSUMER_GROUP} is reported, at the contract it would apply to
     * @return the contracts, the one without a group given {@code KAFKA_CONSUMER_GROUP} when it applies
     */
    public List<ContractBinder.Bound> apply(List<ContractBinder.Bound> bound, List<FileProblem> problems) {
        String text = environment.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return bound;
        }
        List<ContractBinder.Bound> withoutGroup = bound.stream()
                .filter(b -> b.contract().subscribes() && !b.consumerGroupGiven()).toList();
        if (withoutGroup.size() > 1) {
            LOG.warn("{} is not used as a consumer group: {} subscribing contracts give no consumer.group_id ({}), "
                    + "and one group would make them split each other's partitions; each uses its contract name",
                    VARIABLE, withoutGroup.size(), String.join(", ", withoutGroup.stream()
                            .map(b -> b.contract().name()).toList()));
            return bound;
        }
        if (withoutGroup.isEmpty()) {
            return bound;
        }
        ContractBinder.Bound target = withoutGroup.get(0);
        Setting setting = ConfigTable.setting(VARIABLE).orElseThrow();
        String group;
        try {
            group = (String) setting.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new FileProblem(target.contract().source().orElseThrow(), target.nameMark().line(),
                    target.nameMark().column(), "consumer.group_id", "not given, so it falls back to environment "
                    + "variable " + VARIABLE + ", but its value " + setting.shown(text.trim()) + " is invalid: "
                    + e.getMessage() + "; expected the variable fixed or unset, or group_id given in the contract"));
            return bound;
        }
        List<ContractBinder.Bound> out = new ArrayList<>(bound);
        ConsumerSpec c = target.contract().consumer().orElseThrow();
        ConsumerSpec withGroup = new ConsumerSpec(group, c.maxPollRecords(), c.maxInFlight(), c.batchSize(),
                c.batchLinger(), c.autoOffsetReset());
        out.set(out.indexOf(target), new ContractBinder.Bound(target.contract().toBuilder().consumer(withGroup).build(),
                target.nameMark(), true));
        return out;
    }
}
