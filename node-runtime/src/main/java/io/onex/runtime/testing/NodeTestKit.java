package io.onex.runtime.testing;

import com.google.inject.Module;
import io.onex.api.EventEnvelope;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.pipeline.CallOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.clients.producer.MockProducer;

/**
 * Runs one node for a unit test exactly as {@link OnexRuntime} wires it (its contract, Guice, the resilience
 * pipeline, envelopes, dead-lettering, introspection), but with kafka-clients' own {@link MockProducer} instead of
 * a broker and with time on a {@link MutableClock} and a {@link ManualScheduler}: nothing sleeps, and a retry's
 * backoff, a timeout or a breaker's wait happens when the test calls {@link #advance}.
 *
 * <pre>{@code
 * try (NodeTestKit kit = NodeTestKit.forContract(Path.of("contracts/greeting_effect.yaml")).build()) {
 *     Object out = kit.call(Map.of("name", "Ada")).join();          // through retry, breaker, timeout
 *     assertThat(kit.publishedTo("onex.evt.greeted.v1")).hasSize(1);  // ONEX references are resolved
 *     kit.deliver(envelope);                                         // as its consumer would hand it a record
 *     assertThat(kit.deadLetters()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Sends complete at once ({@code MockProducer} auto-complete) unless the builder says {@link Builder#holdSends()};
 * then the test acknowledges or refuses each send of the shared producer, oldest first, with
 * {@link #acknowledgeNextSend()}, {@link #refuseNextSend}, {@link #acknowledgeSendsUntil} and
 * {@link #acknowledgeAllSends()} (use these or {@link #producer()}'s {@code completeNext()} / {@code errorNext(e)},
 * not both: the kit counts the sends it answered) (the node's start-up introspection is completed by the kit; heartbeats sent while the test
 * advances time are held like any send). The runtime's consumers are idle stand-ins that never receive a record: records reach the
 * node through {@link #deliver}, which hands them to the same record handler the consumer loop uses. Every producer
 * the node asks the runtime's client factory for (a transactional one, say) is a {@code MockProducer} too, in
 * {@link #producers()}.
 *
 * <p>One test thread drives a kit. A node that works on threads of its own (a database writer, say) completes
 * deliveries from them: wait for those with Awaitility; the kit's producers and scheduler are thread-safe.
 */
public final class NodeTestKit implements AutoCloseable {

    private final NodeContract contract;
    private final OnexRuntime runtime;
    private final MutableClock clock;
    private final ManualScheduler scheduler;
    private final MockKafkaClients clients;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final AtomicLong offsets = new AtomicLong();
    private final boolean holdSends;
    private int answeredSends;

    private NodeTestKit(Builder b, NodeContract contract, List<NodeContract> alongside) {
        this.contract = contract;
        this.clock = new MutableClock(b.start);
        this.scheduler = new ManualScheduler(clock);
        this.holdSends = b.holdSends;
        this.clients = new MockKafkaClients(!b.holdSends);
        List<NodeContract> all = new ArrayList<>();
        all.add(contract);
        all.addAll(alongside);
        this.runtime = KitRuntime.start(all, b.modules, b.environment, scheduler, clients);
        if (b.holdSends) {
            while (producer().completeNext()) {
                // the start-up introspection: held sends are the test's own from here on
            }
            answeredSends = producer().history().size();
        }
    }

    /**
     * A kit for the node of a contract file ({@code ${env:...}} resolved against the builder's environment).
     *
     * @param contractFile the node's YAML contract
     * @return a builder
     */
    public static Builder forContract(Path contractFile) {
        return new Builder(Objects.requireNonNull(contractFile, "contractFile"), null);
    }

    /**
     * A kit for the node of a contract already loaded (or built in the test).
     *
     * @param contract the node's contract
     * @return a builder
     */
    public static Builder forContract(NodeContract contract) {
        return new Builder(null, Objects.requireNonNull(contract, "contract"));
    }

    /** The node under test. */
    public <T> T node(Class<T> type) {
        return runtime.node(contract.name(), type);
    }

    /** The node's instance id (as in its events' {@code source.node_id} and its dead-letter records). */
    public String nodeId() {
        return runtime.nodeId(contract.name());
    }

    /** The contract the node runs under (after {@code ${env:...}} resolution). */
    public NodeContract contract() {
        return contract;
    }

    /** The runtime behind the kit, for what the kit does not wrap ({@code health()}, {@code meterRegistry()}, ...). */
    public OnexRuntime runtime() {
        return runtime;
    }

    /**
     * Calls the node through its pipeline with a fresh correlation id, then runs what is due on the scheduler.
     * A call that has to wait (a retry's backoff, a held send) completes when the test {@link #advance}s time or
     * completes the send.
     *
     * @param input a map (converted to the node's input type) or the input type itself
     * @return the node's output, or the final failure
     */
    public CompletableFuture<Object> call(Object input) {
        return call(input, CallOptions.none());
    }

    /** {@link #call(Object)} with options (correlation id, causation id, deadline, ...). */
    public CompletableFuture<Object> call(Object input, CallOptions options) {
        CompletableFuture<Object> result = runtime.call(contract.name(), input, options).toCompletableFuture();
        scheduler.runDue();
        return result;
    }

    /**
     * Hands the node an envelope as its consumer would, consumed from the first topic its contract subscribes to.
     *
     * @param envelope the consumed event
     * @return {@code PROCESSED} or {@code DEAD_LETTERED} once the record is done; failed when it is not done (the
     *         consumer would deliver it again)
     * @throws IllegalStateException when the contract subscribes to nothing
     */
    public CompletableFuture<RecordOutcome> deliver(EventEnvelope envelope) {
        if (contract.topics().subscribe().isEmpty()) {
            throw new IllegalStateException("node " + contract.name() + " subscribes to no topic: call it with call(...)"
                    + " or say the topic with deliver(topic, envelope)");
        }
        return deliver(contract.topics().subscribe().get(0), envelope);
    }

    /**
     * Hands the node an envelope as consumed from a topic.
     *
     * @param topic an ONEX reference (resolved like the runtime does) or a full topic name
     * @param envelope the consumed event
     * @return as {@link #deliver(EventEnvelope)}
     */
    public CompletableFuture<RecordOutcome> deliver(String topic, EventEnvelope envelope) {
        return deliverBytes(topic, envelope.correlationId().getBytes(StandardCharsets.UTF_8), codec.encode(envelope));
    }

    /**
     * Hands the node an envelope as consumed from a topic, in a record carrying these headers (a W3C
     * {@code traceparent}, say).
     *
     * @param topic an ONEX reference or a full topic name
     * @param envelope the consumed event
     * @param headers the record's headers
     * @return as {@link #deliver(EventEnvelope)}
     */
    public CompletableFuture<RecordOutcome> deliver(String topic, EventEnvelope envelope, Headers headers) {
        return handOut(contract.name(), topic, envelope.correlationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(envelope), headers);
    }

    /**
     * Hands the node raw record bytes as consumed from a topic: for what is not an envelope at all.
     *
     * @param topic an ONEX reference or a full topic name
     * @param key the record key, or null
     * @param value the record value
     * @return as {@link #deliver(EventEnvelope)}
     */
    public CompletableFuture<RecordOutcome> deliverBytes(String topic, byte[] key, byte[] value) {
        return handOut(contract.name(), topic, key, value);
    }

    /**
     * Hands an envelope to a node run {@link Builder#alongside} (an orchestrator's step that consumes answers, say)
     * as its consumer would.
     *
     * @param nodeName the contract name of a node in this kit
     * @param topic an ONEX reference or a full topic name
     * @param envelope the consumed event
     * @return as {@link #deliver(EventEnvelope)}
     */
    public CompletableFuture<RecordOutcome> deliverTo(String nodeName, String topic, EventEnvelope envelope) {
        return handOut(nodeName, topic, envelope.correlationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(envelope));
    }

    /**
     * Hands the node several envelopes as one poll of its consumer would: a {@link io.onex.api.batch.BatchEffectNode}
     * gets them in batches of its contract's {@code consumer.batch_size}, any other node one by one.
     *
     * @param deliveries the consumed events, each with the topic it came from (an ONEX reference or a full name)
     * @return per event, in order, as {@link #deliver(EventEnvelope)}
     */
    public List<CompletableFuture<RecordOutcome>> deliverTogether(List<Map.Entry<String, EventEnvelope>> deliveries) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(deliveries.size());
        for (Map.Entry<String, EventEnvelope> d : deliveries) {
            records.add(record(d.getKey(), d.getValue().correlationId().getBytes(StandardCharsets.UTF_8),
                    codec.encode(d.getValue()), new RecordHeaders()));
        }
        List<CompletableFuture<RecordOutcome>> done = new ArrayList<>(records.size());
        runtime.batchRecordHandler(contract.name()).handle(records)
                .forEach(stage -> done.add(stage.toCompletableFuture()));
        scheduler.runDue();
        return done;
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(topic(topic), 0, offsets.getAndIncrement(), ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                headers, Optional.empty());
    }

    private CompletableFuture<RecordOutcome> handOut(String nodeName, String topic, byte[] key, byte[] value) {
        return handOut(nodeName, topic, key, value, new RecordHeaders());
    }

    private CompletableFuture<RecordOutcome> handOut(String nodeName, String topic, byte[] key, byte[] value,
            Headers headers) {
        ConsumerRecord<byte[], byte[]> record = record(topic, key, value, headers);
        CompletableFuture<RecordOutcome> done = runtime.recordHandler(nodeName).handle(record).toCompletableFuture();
        scheduler.runDue();
        return done;
    }

    /**
     * Moves the clock forward, running every scheduled task that falls due on the way (retries after their backoff,
     * timeouts, breaker waits, heartbeats, the node's own timers), in order.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        scheduler.advance(duration);
    }

    /** The full topic name of an ONEX reference ({@code {env}.{tenant}.} in front); other names unchanged. */
    public String topic(String reference) {
        return runtime.config().resolveTopic(reference);
    }

    /**
     * What the node published, in order: every record sent to a topic that is not a dead-letter topic and not the
     * runtime's own introspection or heartbeat topic.
     */
    public List<PublishedRecord> published() {
        return SentRecords.published(clients.producers(), codec, this::topic);
    }

    /**
     * What the node published to one topic, in order.
     *
     * @param topic an ONEX reference or a full topic name
     */
    public List<PublishedRecord> publishedTo(String topic) {
        String full = topic(topic);
        return published().stream().filter(p -> p.topic().equals(full)).toList();
    }

    /** Every record written to a dead-letter topic ({@code <topic>.dlq}), in order. */
    public List<DeadLetterRecord> deadLetters() {
        return SentRecords.deadLetters(clients.producers(), codec);
    }

    /**
     * With {@link Builder#holdSends()}: acknowledges the oldest held send of the shared producer.
     *
     * @return false when no send is held
     */
    public boolean acknowledgeNextSend() {
        requireHeldSends();
        if (answeredSends >= producer().history().size()) {
            return false;
        }
        answeredSends++; // before: acknowledging it may send the next event from its callback
        return producer().completeNext();
    }

    /**
     * With {@link Builder#holdSends()}: fails the oldest held send, as the broker refusing it would.
     *
     * @param error what the send fails with (a Kafka {@code RetriableException} for an outage, say)
     * @return false when no send is held
     */
    public boolean refuseNextSend(RuntimeException error) {
        requireHeldSends();
        if (answeredSends >= producer().history().size()) {
            return false;
        }
        answeredSends++;
        return producer().errorNext(error);
    }

    /**
     * With {@link Builder#holdSends()}: acknowledges held sends, oldest first, until the next one goes to a topic,
     * which stays held for the test to acknowledge or refuse.
     *
     * @param topic an ONEX reference or a full topic name
     * @return true when a send to that topic is now the oldest held one; false when none is held (every held send
     *         was acknowledged)
     */
    public boolean acknowledgeSendsUntil(String topic) {
        requireHeldSends();
        String full = topic(topic);
        while (answeredSends < producer().history().size()) {
            if (producer().history().get(answeredSends).topic().equals(full)) {
                return true;
            }
            acknowledgeNextSend();
        }
        return false;
    }

    /** With {@link Builder#holdSends()}: acknowledges every held send, and those their callbacks send, in order. */
    public void acknowledgeAllSends() {
        requireHeldSends();
        while (acknowledgeNextSend()) {
            // acknowledging a send may send the next one
        }
    }

    private void requireHeldSends() {
        if (!holdSends) {
            throw new IllegalStateException("sends complete at once in this kit: build it with holdSends() to"
                    + " acknowledge or refuse them one by one");
        }
    }

    /** The runtime's shared producer: every event, heartbeat and dead-letter record goes through it. */
    public MockProducer<byte[], byte[]> producer() {
        return clients.shared();
    }

    /** Every producer made, the shared one first, then any the node asked the client factory for. */
    public List<MockProducer<byte[], byte[]>> producers() {
        return clients.producers();
    }

    /** The clock the runtime and the node read. */
    public MutableClock clock() {
        return clock;
    }

    /** The scheduler the runtime and the node schedule on; {@link #advance} drives it. */
    public ManualScheduler scheduler() {
        return scheduler;
    }

    /**
     * Stops the node and the runtime: the node's {@code stop()} and a shutdown introspection; with
     * {@link Builder#holdSends()}, pending sends are completed first and the shutdown introspection is left out (it
     * would wait for an acknowledgement no one gives).
     */
    @Override
    public void close() {
        if (holdSends) {
            while (producer().completeNext()) {
                // let what the test left pending through, so the node's stop does not wait on it
            }
            runtime.abandon();
        } else {
            runtime.close();
        }
    }

    /** Builds a started {@link NodeTestKit}. */
    public static final class Builder {
        private final Path contractFile;
        private final NodeContract contract;
        private final List<Module> modules = new ArrayList<>();
        private final List<Path> alongside = new ArrayList<>();
        private Map<String, String> environment = Map.of();
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private boolean holdSends;

        private Builder(Path contractFile, NodeContract contract) {
            this.contractFile = contractFile;
            this.contract = contract;
        }

        /**
         * The environment for {@code ${env:...}} in the contract and for the runtime's configuration table
         * ({@code ONEX_ENV}, {@code ONEX_TENANT}, ...). Default: empty, not the process's, so a test does not depend
         * on the machine it runs on.
         */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /**
         * Runs other nodes beside the one under test, wired the same way: the steps an orchestrator's workflow calls,
         * say. {@link NodeTestKit#call} and {@link NodeTestKit#deliver} still go to the node under test; what these
         * nodes publish is in {@link NodeTestKit#published()} too.
         */
        public Builder alongside(Path... contractFiles) {
            alongside.addAll(List.of(contractFiles));
            return this;
        }

        /** Guice modules binding what the node injects (repositories, clients, fakes). */
        public Builder modules(Module... more) {
            modules.addAll(List.of(more));
            return this;
        }

        /** Where the clock starts (default 2026-01-01T00:00:00Z). */
        public Builder startingAt(Instant instant) {
            this.start = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /**
         * Sends stay pending until the test answers them ({@link NodeTestKit#acknowledgeNextSend()},
         * {@link NodeTestKit#refuseNextSend}, {@link NodeTestKit#acknowledgeSendsUntil}): for a node's behaviour while
         * the broker has not answered, or when it refuses.
         */
        public Builder holdSends() {
            this.holdSends = true;
            return this;
        }

        /**
         * Loads the contracts, wires the nodes and starts them.
         *
         * @return the started kit
         * @throws ContractValidationException when the contract file is invalid
         * @throws io.onex.runtime.RuntimeStartupException when the node cannot be wired or started
         */
        public NodeTestKit build() throws ContractValidationException {
            ContractLoader loader = new ContractLoader(environment);
            NodeContract c = contract != null ? contract : loader.load(contractFile);
            List<NodeContract> others = alongside.isEmpty() ? List.of() : loader.loadAll(alongside);
            return new NodeTestKit(this, c, others);
        }
    }
}
