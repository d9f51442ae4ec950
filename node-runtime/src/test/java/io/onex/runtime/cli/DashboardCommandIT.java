package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code onex dashboard} against the embedded broker: it serves the registry's view of a runtime it is not part of. */
class DashboardCommandIT {

    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/ \\(read-only\\)");

    @Test
    void servesTheNodesOfAnotherRuntimeUntilItsThreadIsInterrupted() throws Exception {
        // the verb reads the topic names' env and tenant from the process environment: the runtime keeps the defaults
        try (OnexRuntime runtime = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/dashboard-contracts/victim"))
                .environment(Map.of("ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            StringWriter out = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread verb = new Thread(() -> code.set(OnexCli.commandLine(new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true)).execute("dashboard", "--bootstrap",
                    SharedKafka.bootstrapServers(), "--port", "0")));
            verb.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SERVING.matcher(out.toString()).find());
                Matcher m = SERVING.matcher(out.toString());
                assertThat(m.find()).isTrue();
                URI nodes = URI.create("http://127.0.0.1:" + m.group(1) + "/dashboard/api/nodes");
                HttpClient http = HttpClient.newHttpClient();
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("<title>ONEX dashboard");
                String nodeId = runtime.nodeId("dash_victim_compute");
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    JsonNode view = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(nodes).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    for (JsonNode n : view.path("nodes")) {
                        if (n.path("nodeId").asText().equals(nodeId) && n.path("status").asText().equals("active")) {
                            return true;
                        }
                    }
                    return false;
                });
            } finally {
                verb.interrupt();
                verb.join(Duration.ofSeconds(30).toMillis());
            }
            assertThat(verb.isAlive()).isFalse();
            assertThat(code.get()).isZero();
        }
    }
}
