package io.onex.runtime.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** The cluster's topics with partitions, retention and offsets, from {@code Admin} alone. */
public final class TopicInventory {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicInventory(Admin admin) {
        this.admin = admin;
    }

    /**
     * The topics whose names match, sorted by name; internal topics ({@code __consumer_offsets}) left out.
     *
     * @param pattern a glob ({@code *}, {@code ?}), or without wildcards a part of the name; null for all
     */
    public List<TopicSummary> list(String pattern) {
        Pattern match = compile(pattern);
        Set<String> names = new TreeSet<>(await(admin.listTopics().names(), "list topics"));
        names.removeIf(n -> !match.matcher(n).matches());
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(),
                "describe topics");
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.forEach((name, d) -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(name, p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = await(admin.listOffsets(earliest).all(), "list offsets");
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all(), "list offsets");
        List<TopicSummary> topics = new ArrayList<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            long end = 0;
            long held = 0;
            for (var p : d.partitions()) {
                TopicPartition tp = new TopicPartition(name, p.partition());
                long e = ends.get(tp).offset();
                end += e;
                held += Math.max(0, e - starts.get(tp).offset());
            }
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            ConfigEntry retention = c == null ? null : c.get(TopicConfig.RETENTION_MS_CONFIG);
            Optional<Long> retentionMs = retention == null || retention.value() == null ? Optional.empty()
                    : Optional.of(Long.parseLong(retention.value()));
            topics.add(new TopicSummary(name, d.partitions().size(), retentionMs, end, held));
        }
        return topics;
    }

    /** The topic names among {@code wanted} that exist. */
    public Set<String> existing(Set<String> wanted) {
        Set<String> names = new TreeSet<>(await(admin.listTopics().names(), "list topics"));
        names.retainAll(wanted);
        return names;
    }

    /** A glob as a regex; a plain word matches names that contain it. */
    static Pattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        boolean glob = pattern.contains("*") || pattern.contains("?");
        StringBuilder regex = new StringBuilder(glob ? "" : ".*");
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.append(glob ? "" : ".*").toString(), Pattern.DOTALL);
    }

    static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer from the cluster within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot " + what + ": interrupted", e);
        }
    }
}
