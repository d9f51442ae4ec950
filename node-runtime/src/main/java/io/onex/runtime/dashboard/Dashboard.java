package io.onex.runtime.dashboard;

import com.sun.net.httpserver.HttpHandler;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.dashboard.internal.DeadLetterSink;
import io.onex.runtime.dashboard.internal.TopicFollower;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.DlqInventory;
import io.onex.runtime.ops.GroupInspector;
import io.onex.runtime.ops.LagThresholds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The live dashboard: the facts behind its four pages (nodes, groups, dead letters, workflow runs) and the HTTP
 * handler that serves them with the pages themselves ({@link #handler()}). A running runtime mounts it on its HTTP
 * port; {@code onex dashboard} serves it against any cluster.
 *
 * <p>Nodes come from a {@link NodeDirectory} (the registry's view and rules); groups from {@link GroupInspector} and
 * {@link LagThresholds}, as {@code onex groups} judges them; dead letters and workflow runs from followers of the
 * DLQ topics and the bridge's workflow-event topics, outside any consumer group, started on the first request for
 * them (a runtime whose dashboard nobody opens pays nothing). Read-only unless actions are allowed.
 */
public final class Dashboard implements AutoCloseable {

    /** How long a group inspection is reused: every open page asks each few seconds, the cluster once. */
    static final Duration GROUPS_REUSED_FOR = Duration.ofSeconds(2);
    /** How far back the lag charts go. */
    static final Duration LAG_WINDOW = Duration.ofMinutes(10);
    private static final int LETTERS_SHOWN = 50;
    private static final int RUNS_KEPT = 200;
    private static final long RUN_EVENTS_BACKLOG = 2_000;
    /** Dead-letter topics are counted whole, up to this many records per partition. */
    private static final long DLQ_BACKLOG = 100_000;
    private static final Duration TOPICS_REFRESH = Duration.ofSeconds(5);

    private final NodeDirectory directory;
    private final Admin admin;
    private final Map<String, Object> consumerProperties;
    private final RuntimeConfig config;
    private final Clock clock;
    private final boolean actions;
    private final LagThresholds thresholds;
    private final DeadLetterReplayer replayer;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final LagHistory lagHistory = new LagHistory(LAG_WINDOW);
    private final DeadLetterBoard letters = new DeadLetterBoard(LETTERS_SHOWN);
    private final WorkflowRunBoard runs = new WorkflowRunBoard(RUNS_KEPT);
    private final List<TopicFollower> followers = new ArrayList<>();
    private GroupsView lastGroups;
    private long lastGroupsNanos;
    private boolean following;
    private boolean closed;

    private Dashboard(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.admin = Objects.requireNonNull(b.admin, "admin");
        this.config = Objects.requireNonNull(b.config, "config");
        this.consumerProperties = consumerProperties(config);
        this.clock = b.clock;
        this.actions = b.actions;
        this.thresholds = b.thresholds;
        this.replayer = b.replayer;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Nodes page's facts. */
    public NodesView nodes() {
        return NodesView.of(directory.all(), directory::health, clock.instant());
    }

    /** The Groups page's facts, inspected at most every {@link #GROUPS_REUSED_FOR}. */
    public synchronized GroupsView groups() {
        if (lastGroups == null || System.nanoTime() - lastGroupsNanos > GROUPS_REUSED_FOR.toNanos()) {
            GroupInspector inspector = new GroupInspector(admin);
            lastGroups = GroupsView.of(inspector.inspect(inspector.groupIds()), thresholds, lagHistory,
                    clock.instant());
            lastGroupsNanos = System.nanoTime();
        }
        return lastGroups;
    }

    /** The Dead letters page's facts: what the DLQ follower has read so far. */
    public DlqView deadLetters() {
        follow();
        return letters.view(clock.instant(), actionsAllowed());
    }

    /** The Workflow runs page's facts. */
    public RunsView runs() {
        follow();
        return runs.view(clock.instant());
    }

    /** One run with its steps, if it is among the recent ones. */
    public Optional<RunsView.Run> run(String workflowId) {
        follow();
        return runs.run(workflowId, clock.instant());
    }

    /** Whether the page may offer actions (replay): only when allowed and something can carry them out. */
    public boolean actionsAllowed() {
        return actions && replayer != null;
    }

    /**
     * Replays one dead letter.
     *
     * @throws IllegalStateException when actions are not allowed
     */
    public String replay(String topic, int partition, long offset) {
        if (!actionsAllowed()) {
            throw new IllegalStateException("actions are off: start the runtime with ONEX_DASHBOARD_ACTIONS=true, or"
                    + " onex dashboard with --allow-actions");
        }
        return replayer.replay(topic, partition, offset);
    }

    /** Serves the pages, their assets and their JSON under {@code /} and {@code /dashboard/}. */
    public HttpHandler handler() {
        return new DashboardHandler(this);
    }

    private synchronized void follow() {
        if (following || closed) {
            return;
        }
        following = true;
        TopicFollower dlq = new TopicFollower("dlq", consumerProperties, this::deadLetterTopics, DLQ_BACKLOG,
                TOPICS_REFRESH, new DeadLetterSink(codec, letters));
        Set<String> runTopics = Stream.of(BridgeTopics.STAMP_WORKFLOW_STARTED, BridgeTopics.WORKFLOW_STEP_COMPLETED,
                BridgeTopics.STAMP_WORKFLOW_COMPLETED, BridgeTopics.STAMP_WORKFLOW_FAILED)
                .map(config::resolveTopic).collect(Collectors.toCollection(LinkedHashSet::new));
        TopicFollower workflow = new TopicFollower("runs", consumerProperties, () -> existing(runTopics),
                RUN_EVENTS_BACKLOG, TOPICS_REFRESH, r -> runs.accept(codec.decode(r.value())));
        followers.add(dlq);
        followers.add(workflow);
        followers.forEach(TopicFollower::start);
    }

    private Set<String> deadLetterTopics() {
        Set<String> topics = topicNames().stream()
                .filter(DlqInventory::isDeadLetterTopic).collect(Collectors.toCollection(LinkedHashSet::new));
        topics.forEach(letters::know);
        return topics;
    }

    private Set<String> existing(Set<String> topics) {
        Set<String> all = topicNames();
        return topics.stream().filter(all::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Set<String> topicNames() {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    /** A consumer outside any group, with the cluster's security settings: reads, never commits. */
    static Map<String, Object> consumerProperties(RuntimeConfig config) {
        Map<String, Object> p = new LinkedHashMap<>(config.kafkaClientProperties());
        p.put("client.id", "onex-dashboard");
        p.put("enable.auto.commit", false);
        p.put("allow.auto.create.topics", false);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.remove("group.id");
        return p;
    }

    /** Stops the followers. Idempotent. */
    @Override
    public void close() {
        List<TopicFollower> started;
        synchronized (this) {
            closed = true;
            started = List.copyOf(followers);
            followers.clear();
        }
        started.forEach(TopicFollower::close);
    }

    /** Builds a {@link Dashboard}. */
    public static final class Builder {
        private NodeDirectory directory;
        private Admin admin;
        private RuntimeConfig config;
        private Clock clock = Clock.systemUTC();
        private boolean actions;
        private LagThresholds thresholds = LagThresholds.DEFAULTS;
        private DeadLetterReplayer replayer;

        private Builder() {
        }

        /** The registry's view the Nodes page shows. */
        public Builder directory(NodeDirectory directory) {
            this.directory = directory;
            return this;
        }

        /** The admin client groups and topics are asked with. */
        public Builder admin(Admin admin) {
            this.admin = admin;
            return this;
        }

        /** The cluster's settings: bootstrap servers, security, topic names (env, tenant). */
        public Builder config(RuntimeConfig config) {
            this.config = config;
            return this;
        }

        /** The clock ages and durations are counted on (the directory's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether the pages may act (replay dead letters); off by default. */
        public Builder actions(boolean allowed) {
            this.actions = allowed;
            return this;
        }

        /** The lag thresholds of the groups' verdict (default: {@link LagThresholds#DEFAULTS}). */
        public Builder thresholds(LagThresholds thresholds) {
            this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /** What replays a dead letter when actions are allowed. */
        public Builder replayer(DeadLetterReplayer replayer) {
            this.replayer = replayer;
            return this;
        }

        public Dashboard build() {
            return new Dashboard(this);
        }
    }
}
