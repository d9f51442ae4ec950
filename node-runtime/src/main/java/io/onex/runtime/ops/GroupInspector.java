package io.onex.runtime.ops;

import static io.onex.runtime.ops.TopicInventory.await;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Consumer groups with their members, committed offsets, end offsets and lag, from {@code Admin}'s
 * {@code describeConsumerGroups}, {@code listConsumerGroupOffsets} and {@code listOffsets}.
 */
public final class GroupInspector {

    private final Admin admin;

    public GroupInspector(Admin admin) {
        this.admin = admin;
    }

    /** Every consumer group's id, sorted. */
    public List<String> groupIds() {
        Collection<GroupListing> listings = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(),
                "list consumer groups");
        return listings.stream().map(GroupListing::groupId).sorted().toList();
    }

    /**
     * The groups asked for that exist, in the order given: a group that is not there (never was, or was deleted
     * since it was listed) is left out.
     */
    public List<GroupReport> inspect(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions =
                admin.describeConsumerGroups(groupIds).describedGroups();
        List<GroupReport> reports = new ArrayList<>();
        for (String id : groupIds) {
            try {
                reports.add(report(await(descriptions.get(id), "describe consumer group " + id)));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
        return reports;
    }

    private GroupReport report(ConsumerGroupDescription d) {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (MemberDescription m : d.members()) {
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                owners.put(tp, m.clientId() + " (" + m.host().replaceFirst("^/", "") + ")");
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(d.groupId()).partitionsToOffsetAndMetadata(),
                "list the offsets of group " + d.groupId());
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        partitions.addAll(owners.keySet());
        committed.forEach((tp, o) -> {
            if (o != null) {
                partitions.add(tp);
            }
        });
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : await(admin.listOffsets(latest).all(), "list the end offsets of group " + d.groupId());
        List<PartitionLag> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            rows.add(new PartitionLag(tp.topic(), tp.partition(), Optional.ofNullable(owners.get(tp)),
                    c == null ? OptionalLong.empty() : OptionalLong.of(c.offset()), ends.get(tp).offset()));
        }
        return new GroupReport(d.groupId(), GroupState.of(d.groupState()), d.members().size(), rows);
    }
}
