package io.onex.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.runtime.health.HealthReport;
import io.onex.runtime.health.HealthStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeHttpServerTest {

    private static final Instant NOW = Instant.parse("2023-12-01T16:00:00Z");

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<HealthReport> report = new AtomicReference<>(report(true, true));
    private final RuntimeHttpServer server = new RuntimeHttpServer(RuntimeHttpServer.loopback(0), metrics::scrape,
            report::get);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsServesThePrometheusScrape() throws Exception {
        metrics.counter("onex.test.published", "node_id", "orchestrator-1").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("onex_test_published_total{node_id=\"orchestrator-1\"} 3.0");
    }

    @Test
    void healthIs200WithTheJsonReportWhenReady() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("status").asText()).isEqualTo("healthy");
        assertThat(json.at("/readiness/broker_reachable").asBoolean()).isTrue();
        assertThat(json.at("/readiness/consumers/orchestrator-1/assigned").asInt()).isEqualTo(3);
        assertThat(json.at("/nodes/orchestrator-1/breaker_state").asText()).isEqualTo("closed");
    }

    @Test
    void healthIs503WithTheJsonReportWhenNotReady() throws Exception {
        report.set(report(true, false));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(response.body()).at("/readiness/broker_reachable").asBoolean()).isFalse();
    }

    @Test
    void liveAndReadyProbesAnswerSeparately() throws Exception {
        report.set(report(true, false));

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);

        report.set(report(false, false));
        assertThat(get("/health/live").statusCode()).isEqualTo(503);
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
        assertThat(get("/health/").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void failingHealthSupplierAnswers500AndTheServerKeepsServing() throws Exception {
        report.set(null);

        assertThat(get("/health").statusCode()).isEqualTo(500);
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        int port = server.port();

        server.close();
        server.close();

        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void takenPortIsReportedWithTheAddress() {
        RuntimeHttpServer second = new RuntimeHttpServer(RuntimeHttpServer.loopback(server.port()), metrics::scrape,
                report::get);

        assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot listen for /metrics and /health on /127.0.0.1:" + server.port());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HealthReport report(boolean live, boolean brokerReachable) {
        HealthStatus status = !live ? HealthStatus.CRITICAL : brokerReachable ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        return new HealthReport(status, live, live && brokerReachable, brokerReachable, Map.of("orchestrator-1", 3),
                Map.of("orchestrator-1", new HealthReport.NodeHealth(HealthStatus.HEALTHY, io.onex.runtime.resilience.BreakerState.CLOSED, true, 0)), NOW);
    }
}
