package io.onex.nodes.reducer;

import io.onex.api.bridge.ReducerEventFields;
import io.onex.nodes.reducer.AggregationFsm.Transition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds intents into one tumbling window per namespace, closes a window by count or by time, and publishes it.
 *
 * <p>{@link #fold} returns a stage that completes only when the window holding the intent has been published (or
 * fails when it could not be): the consumer commits a record's offset only then. An event id already in a window
 * that is open or being published is not folded again: the call waits for that window. An event id of a window
 * published recently (the last {@value #REMEMBERED_PUBLISHED} event ids) completes at once with that window.
 *
 * <p>Windows of one namespace are published one after the other, so each {@code state_snapshot} includes every
 * earlier window. State is guarded by one lock; events are published and callers completed outside it, on
 * {@code completionExecutor}: never on the Kafka producer's I/O thread, where whatever the callers do next (a
 * dead-letter write of the pipeline, a listener) could block the thread that has to make it progress.
 */
final class WindowAggregator {

    /** Namespace of a workflow event whose workflow's stamp this reducer has not seen (and which names none). */
    static final String UNATTRIBUTED = "unattributed";
    /** Event ids of published windows remembered to answer redeliveries without counting them again. */
    static final int REMEMBERED_PUBLISHED = 10_000;
    /** Workflow ids remembered with the namespace of their stamp, to attribute workflow events. */
    static final int REMEMBERED_WORKFLOWS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregator.class);

    private final String nodeId;
    private final String stateGroup;
    private final ReducerConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final WindowEvents events;
    private final Executor completionExecutor;

    private final Object lock = new Object();
    private final Map<String, AggregationWindow> open = new HashMap<>();
    private final Map<String, AggregationWindow> unpublishedByEventId = new HashMap<>();
    private final Map<String, WindowAggregate> publishedByEventId = bounded(REMEMBERED_PUBLISHED);
    private final Map<String, String> workflowNamespaces = bounded(REMEMBERED_WORKFLOWS);
    /** Event ids counted by windows published before this instance started (read back at start). */
    private final Set<String> countedBeforeStart = new HashSet<>();
    private final Map<String, CompletableFuture<Void>> publishTail = new HashMap<>();
    private final Map<String, NamespaceTotals> totals = new ConcurrentHashMap<>();
    private final List<Consumer<WindowAggregate>> listeners = new CopyOnWriteArrayList<>();
    private boolean stopped;

    /**
     * @param nodeId this reducer instance (for logs)
     * @param stateGroup what the namespaces' bridge ids derive from (the consumer group): stable across restarts
     */
    WindowAggregator(String nodeId, String stateGroup, ReducerConfig config, Clock clock,
            ScheduledExecutorService scheduler, WindowEvents events, Executor completionExecutor) {
        this.nodeId = nodeId;
        this.stateGroup = stateGroup;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.completionExecutor = completionExecutor;
    }

    /** Folds an intent; the stage completes with its window once that window is published. */
    CompletableFuture<WindowAggregate> fold(ReducerIntent intent) {
        CompletableFuture<WindowAggregate> waiter = new CompletableFuture<>();
        AggregationWindow opened = null;
        Transition toAggregating = null;
        Closing closing = null;
        synchronized (lock) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("reducer " + nodeId + " is stopped"));
            }
            WindowAggregate done = publishedByEventId.get(intent.eventId());
            if (done != null) {
                return CompletableFuture.completedFuture(done);
            }
            if (countedBeforeStart.contains(intent.eventId())) {
                return CompletableFuture.completedFuture(null); // in a window published before a restart
            }
            AggregationWindow holding = unpublishedByEventId.get(intent.eventId());
            if (holding != null) {
                holding.waiters.add(waiter);
                return waiter;
            }
            String namespace = namespaceOf(intent);
            AggregationWindow w = open.get(namespace);
            if (w == null) {
                w = new AggregationWindow(namespace, bridgeId(namespace), clock.instant());
                toAggregating = w.fsm.transition(AggregationState.AGGREGATING, "window_opened");
                AggregationWindow timed = w;
                w.timer = scheduler.schedule(() -> closeByTime(timed), config.windowTime().toMillis(),
                        TimeUnit.MILLISECONDS);
                open.put(namespace, w);
                opened = w;
            }
            w.fold(intent);
            unpublishedByEventId.put(intent.eventId(), w);
            w.waiters.add(waiter);
            if (intent.kind() == ReducerIntent.Kind.STAMP_CREATED && intent.workflowId() != null) {
                workflowNamespaces.put(intent.workflowId(), namespace);
            }
            if (w.items() >= config.windowSize()) {
                closing = closeLocked(w, ReducerEventFields.CLOSE_REASON_COUNT);
            }
        }
        if (opened != null) {
            AggregationWindow w = opened;
            events.opened(w, toAggregating).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("reducer {}: start events of aggregation {} (namespace {}) not published: {}", nodeId,
                            w.aggregationId, w.namespace, e.toString());
                }
            });
        }
        if (closing != null) {
            publish(closing);
        }
        return waiter;
    }

    /**
     * Remembers events that windows published before this instance started have counted: when they are delivered
     * again (their offsets were not committed before a crash) they complete at once, with no window, and are not
     * counted again.
     */
    void rememberCounted(Collection<String> eventIds) {
        synchronized (lock) {
            countedBeforeStart.addAll(eventIds);
        }
    }

    /** The latest totals per namespace, sorted by namespace. */
    Map<String, NamespaceTotals> totals() {
        return Collections.unmodifiableMap(new TreeMap<>(totals));
    }

    /** Events folded into windows not yet published, per namespace (open windows only). */
    Map<String, Integer> openWindowItems() {
        synchronized (lock) {
            Map<String, Integer> m = new TreeMap<>();
            open.forEach((ns, w) -> m.put(ns, w.items()));
            return m;
        }
    }

    AutoCloseable addListener(Consumer<WindowAggregate> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Discards the open windows: their calls fail (their records are not committed, so they are delivered again
     * after a restart) and each gets aggregation-failed. Windows being published finish.
     */
    void stop() {
        List<AggregationWindow> discarded = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        List<CompletableFuture<WindowAggregate>> waiters = new ArrayList<>();
        synchronized (lock) {
            stopped = true;
            for (AggregationWindow w : open.values()) {
                w.timer.cancel(false);
                transitions.add(w.fsm.transition(AggregationState.FAILED, "node_stopped"));
                w.eventIds().forEach(unpublishedByEventId::remove);
                waiters.addAll(w.waiters);
                discarded.add(w);
            }
            open.clear();
        }
        for (int i = 0; i < discarded.size(); i++) {
            AggregationWindow w = discarded.get(i);
            WindowNotPublishedException e = new WindowNotPublishedException("aggregation " + w.aggregationId
                    + " of namespace " + w.namespace + " (" + w.items() + " events) discarded: reducer " + nodeId
                    + " stopped before the window closed; its records are not committed and will be delivered again",
                    null);
            LOG.warn("reducer {}: {}", nodeId, e.getMessage());
            events.failed(w, transitions.get(i), ReducerEventFields.CLOSE_REASON_TIME, e);
        }
        WindowNotPublishedException stoppedError = new WindowNotPublishedException("reducer " + nodeId
                + " stopped before the window was published", null);
        waiters.forEach(f -> f.completeExceptionally(stoppedError));
    }

    private record Closing(AggregationWindow window, Transition toPersisting, WindowAggregate aggregate) {
    }

    private void closeByTime(AggregationWindow w) {
        Closing closing;
        synchronized (lock) {
            if (open.get(w.namespace) != w) {
                return; // closed by count, or discarded, meanwhile
            }
            closing = closeLocked(w, ReducerEventFields.CLOSE_REASON_TIME);
        }
        publish(closing);
    }

    private Closing closeLocked(AggregationWindow w, String reason) {
        open.remove(w.namespace);
        w.timer.cancel(false);
        Transition t = w.fsm.transition(AggregationState.PERSISTING, "window_closed");
        return new Closing(w, t, w.summary(reason, clock.instant(), config.workflowIdSamples()));
    }

    /** Publishes after the namespace's previous window, so that its snapshot includes that one. */
    private void publish(Closing c) {
        String ns = c.window().namespace;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (lock) {
            previous = publishTail.getOrDefault(ns, CompletableFuture.completedFuture(null));
            publishTail.put(ns, mine);
        }
        previous.whenComplete((ignored, alsoIgnored) -> {
            CompletableFuture<Void> sent;
            try {
                NamespaceTotals after = totals.getOrDefault(ns, NamespaceTotals.empty(ns, c.window().bridgeId))
                        .plus(c.aggregate());
                sent = events.closed(c.window(), c.toPersisting(), c.aggregate(), after);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenCompleteAsync((ok, error) -> {
                try {
                    finish(c, error);
                } finally {
                    mine.complete(null);
                }
            }, completionExecutor);
        });
    }

    private void finish(Closing c, Throwable error) {
        AggregationWindow w = c.window();
        WindowAggregate a = c.aggregate();
        Transition last;
        List<CompletableFuture<WindowAggregate>> waiters;
        synchronized (lock) {
            w.eventIds().forEach(unpublishedByEventId::remove);
            if (error == null) {
                w.eventIds().forEach(id -> publishedByEventId.put(id, a));
                totals.merge(w.namespace, NamespaceTotals.empty(w.namespace, w.bridgeId).plus(a),
                        (before, ignored) -> before.plus(a));
                last = w.fsm.transition(AggregationState.COMPLETED, "window_published");
            } else {
                last = w.fsm.transition(AggregationState.FAILED, "publish_failed");
            }
            waiters = List.copyOf(w.waiters);
        }
        if (error == null) {
            LOG.debug("reducer {}: aggregation {} of namespace {} published: {} events, {} stamps, {} bytes, closed by {}",
                    nodeId, a.aggregationId(), a.namespace(), a.itemsProcessed(), a.totalStamps(), a.totalSizeBytes(),
                    a.closeReason());
            events.finished(w, last).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("reducer {}: completed transition of aggregation {} not published: {}", nodeId,
                            w.aggregationId, e.toString());
                }
            });
            waiters.forEach(f -> f.complete(a));
            listeners.forEach(l -> notify(l, a));
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        WindowNotPublishedException failure = new WindowNotPublishedException("aggregation " + w.aggregationId
                + " of namespace " + w.namespace + " (" + a.itemsProcessed() + " events) was not published: " + cause,
                cause);
        LOG.warn("reducer {}: {}; its events will be retried in a new window", nodeId, failure.getMessage());
        events.failed(w, last, a.closeReason(), failure);
        waiters.forEach(f -> f.completeExceptionally(failure));
    }

    private void notify(Consumer<WindowAggregate> listener, WindowAggregate a) {
        try {
            listener.accept(a);
        } catch (RuntimeException e) {
            LOG.warn("reducer {}: a window listener failed: {}", nodeId, e.toString());
        }
    }

    private String namespaceOf(ReducerIntent intent) {
        if (intent.namespace() != null) {
            return intent.namespace();
        }
        return workflowNamespaces.getOrDefault(intent.workflowId(), UNATTRIBUTED);
    }

    /** The namespace's {@code bridge_id}: the same for every reducer instance of one consumer group. */
    String bridgeId(String namespace) {
        return UUID.nameUUIDFromBytes((stateGroup + "/" + namespace).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
