package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.kafka.internal.ConsumerMetrics;
import io.onex.runtime.lag.GroupHealthThresholds;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.lag.PartitionOffsets;
import io.onex.runtime.pipeline.internal.NodeMetrics;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The alert rules (ops/prometheus) and the dashboard (ops/grafana) read only metrics the runtime serves: each meter
 * they name is registered here by the class that owns it, and the names are compared as Prometheus scrapes them. A
 * renamed meter fails this test instead of silently emptying a panel or muting an alert.
 */
class OpsMetricNamesTest {

    private static final Pattern METRIC = Pattern.compile("\\bonex_[a-z0-9_]+");
    private static final List<Path> OPS_FILES = List.of(Path.of("../ops/prometheus/onex-alerts.yml"),
            Path.of("../ops/prometheus/onex-alerts.test.yml"), Path.of("../ops/grafana/onex-dashboard.json"));

    @Test
    void everyMetricTheAlertRulesAndTheDashboardReadIsOneTheRuntimeRegisters() throws IOException {
        Set<String> served = servedMetricNames();

        for (Path file : OPS_FILES) {
            Set<String> used = usedMetricNames(file);
            assertThat(used).as("metrics named in " + file).isNotEmpty();
            assertThat(served).as("metrics served; " + file + " names " + used).containsAll(used);
        }
    }

    @Test
    void theDashboardShowsEveryConsumerGroupMeterTheAlertsUse() throws IOException {
        Set<String> dashboard = usedMetricNames(OPS_FILES.get(2));

        assertThat(dashboard).containsAll(usedMetricNames(OPS_FILES.get(0)));
    }

    private static Set<String> usedMetricNames(Path file) throws IOException {
        Matcher m = METRIC.matcher(Files.readString(file));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The names of a scrape after every meter-owning class of the runtime has registered its meters. */
    private static Set<String> servedMetricNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
        new NodeMetrics(registry, "orders_reducer", () -> 0, () -> 0).callFinished(true, Duration.ofMillis(5));
        new ConsumerMetrics(registry, "orders_reducer").track(new TopicPartition("orders", 0));
        GroupWatch watch = new GroupWatch("orders", GroupHealthThresholds.DEFAULTS, List.of("orders_reducer"));
        new GroupHealthMetrics(registry, List.of(watch)).update("orders", 1,
                List.of(new PartitionOffsets("orders", 0, 5, 9)),
                new GroupVerdict("orders", GroupVerdict.Kind.OK, "lag 4", 4));
        DirectoryGauges.register(registry, new NodeDirectory(clock), clock);
        deadLetter(registry, clock, true);
        deadLetter(registry, clock, false);
        return registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Routes one dead letter, written or (its write failing) given up: each outcome has its counter. */
    private static void deadLetter(PrometheusMeterRegistry registry, MutableClock clock, boolean written) {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(written, null, new ByteArraySerializer(), new ByteArraySerializer());
        new DeadLetterRouter(producer, new EnvelopeCodec().mapper(), clock, new ManualScheduler(clock),
                new RetrySpec(1, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()), registry)
                .route(DeadLetter.builder(new RecordOrigin("orders", 0, 1L, null, null, null),
                        new IllegalStateException("boom")).retryCount(1).nodeId("n-1").correlationId("c-1").build());
        if (!written) {
            producer.errorNext(new IllegalStateException("broker gone"));
        }
    }
}
