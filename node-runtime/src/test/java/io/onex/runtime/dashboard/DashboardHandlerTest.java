package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.contract.NodeType;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.http.RuntimeHttpServer;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardHandlerTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final NodeDirectory directory = new NodeDirectory(clock);
    private final List<String> replayed = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<DashboardServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(DashboardServer::close);
    }

    private String serve(boolean actions) {
        Dashboard dashboard = Dashboard.builder().directory(directory).admin(mock(Admin.class))
                .config(RuntimeConfig.defaults().withBootstrapServers("127.0.0.1:9")).clock(clock).actions(actions)
                .replayer((topic, partition, offset) -> {
                    replayed.add(topic + "[" + partition + "]@" + offset);
                    return "replayed";
                }).build();
        DashboardServer server = new DashboardServer(RuntimeHttpServer.loopback(0), dashboard);
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> replay(String base, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/dashboard/api/dlq/replay"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageWithAPolicyThatRunsOnlyItsOwnScripts() throws Exception {
        HttpResponse<String> page = get(serve(false) + "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("default-src 'self'").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("<title>ONEX dashboard</title>").doesNotContain("<script>");
    }

    @Test
    void servesTheChartLibraryFromItsWebJarAndNothingOutsideTheList() throws Exception {
        String base = serve(false);

        HttpResponse<String> uplot = get(base + "/dashboard/vendor/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get(base + "/dashboard/../META-INF/MANIFEST.MF").statusCode()).isEqualTo(404);
        assertThat(get(base + "/dashboard/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void nodesAnswerAsJson() throws Exception {
        directory.applyHeartbeat(new NodeHeartbeat("n-1", NodeType.COMPUTE, HealthStatus.DEGRADED, 1,
                clock.instant(), 0, null, Map.of(), Duration.ofSeconds(5)), clock.instant());

        HttpResponse<String> nodes = get(serve(false) + "/dashboard/api/nodes");

        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(new ObjectMapper().readTree(nodes.body()).path("nodes").get(0).path("health").asText())
                .isEqualTo("degraded");
    }

    @Test
    void anUnknownPathIsNotFoundAndOtherMethodsThanGetAreRefused() throws Exception {
        String base = serve(false);

        HttpResponse<String> missing = get(base + "/dashboard/api/secrets");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"no such resource: /dashboard/api/secrets\"}");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/nodes"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void aReadOnlyDashboardRefusesToReplay() throws Exception {
        String base = serve(false);
        HttpResponse<String> r = replay(base, Map.of("X-Onex-Action", "replay"),
                "{\"topic\":\"t.dlq\",\"partition\":0,\"offset\":1}");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":\"actions are off: start the runtime with "
                + "ONEX_DASHBOARD_ACTIONS=true, or onex dashboard with --allow-actions\"}");
        assertThat(replayed).isEmpty();
        assertThat(new ObjectMapper().readTree(get(base + "/dashboard/api/config").body()).path("actions")
                .asBoolean()).as("the page offers no replay button").isFalse();
    }

    @Test
    void aReplayWithoutTheActionHeaderIsRefusedSoThatAnotherSiteCannotSendOne() throws Exception {
        HttpResponse<String> r = replay(serve(true), Map.of(), "{\"topic\":\"t.dlq\",\"partition\":0,\"offset\":1}");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":\"the replay action needs the header X-Onex-Action: replay\"}");
        assertThat(replayed).isEmpty();
    }

    @Test
    void aReplayWithTheHeaderAndAWellFormedBodyIsCarriedOut() throws Exception {
        String base = serve(true);

        HttpResponse<String> bad = replay(base, Map.of("X-Onex-Action", "replay"), "{\"topic\":\"t.dlq\"}");
        HttpResponse<String> ok = replay(base, Map.of("X-Onex-Action", "replay"),
                "{\"topic\":\"t.dlq\",\"partition\":2,\"offset\":41}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"the replay action expects {\\\"topic\\\": text, \\\"partition\\\":"
                + " number, \\\"offset\\\": number}\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"result\":\"replayed\"}");
        assertThat(replayed).containsExactly("t.dlq[2]@41");
    }
}
