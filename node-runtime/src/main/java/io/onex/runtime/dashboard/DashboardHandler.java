package io.onex.runtime.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the dashboard's requests: {@code /} and {@code /dashboard/} the page, {@code /dashboard/*.js|css} its
 * assets, {@code GET /dashboard/api/{nodes,groups,dlq,runs,runs/ID,config}} its JSON, and
 * {@code POST /dashboard/api/dlq/replay} its one action. Every response forbids caching and sniffing and carries a
 * content security policy that runs only the dashboard's own scripts: a payload that slipped through as markup would
 * still not run.
 *
 * <p>The action needs actions allowed, a JSON body and the {@value #ACTION_HEADER} header: a page of another origin
 * cannot send that header without a CORS preflight, which is never granted here, so it cannot replay anything
 * through a browser that has the dashboard open.
 */
final class DashboardHandler implements HttpHandler {

    /** The header the dashboard's own script sends with an action. */
    static final String ACTION_HEADER = "X-Onex-Action";
    static final String JSON = "application/json; charset=utf-8";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String API = "/dashboard/api/";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardHandler.class);

    private final Dashboard dashboard;
    private final DashboardAssets assets = new DashboardAssets();
    private final ObjectMapper mapper = new ObjectMapper();

    DashboardHandler(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                if (path.equals(API + "dlq/replay")) {
                    replay(exchange, method);
                } else if (!method.equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    error(exchange, 405, method + " is not allowed on " + path + ": expected GET");
                } else if (path.startsWith(API)) {
                    api(exchange, path.substring(API.length()));
                } else {
                    String asset = path.equals("/") || path.equals("/dashboard") ? "/dashboard/" : path;
                    Optional<DashboardAssets.Asset> a = assets.find(asset);
                    if (a.isPresent()) {
                        send(exchange, 200, a.get().contentType(), a.get().bytes());
                    } else {
                        error(exchange, 404, "no such page: " + path + " (the dashboard is at /)");
                    }
                }
            } catch (IllegalArgumentException e) {
                error(exchange, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("dashboard {} failed: {}", path, e.toString());
                error(exchange, 500, path + " failed: " + e.getMessage());
            }
        }
    }

    private void api(HttpExchange exchange, String what) throws IOException {
        Object body = switch (what) {
            case "nodes" -> dashboard.nodes();
            case "groups" -> dashboard.groups();
            case "dlq" -> dashboard.deadLetters();
            case "runs" -> dashboard.runs();
            case "config" -> Map.of("actions", dashboard.actionsAllowed());
            default -> what.startsWith("runs/") ? dashboard.run(what.substring("runs/".length())).orElse(null)
                    : Optional.empty();
        };
        if (body == null || body instanceof Optional<?>) {
            error(exchange, 404, "no such resource: " + API + what);
            return;
        }
        send(exchange, 200, JSON, mapper.writeValueAsBytes(body));
    }

    private void replay(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            error(exchange, 405, method + " is not allowed on the replay action: expected POST");
            return;
        }
        if (!dashboard.actionsAllowed()) {
            error(exchange, 403, "actions are off: start the runtime with ONEX_DASHBOARD_ACTIONS=true, or onex "
                    + "dashboard with --allow-actions");
            return;
        }
        if (!"replay".equals(exchange.getRequestHeaders().getFirst(ACTION_HEADER))) {
            error(exchange, 403, "the replay action needs the header " + ACTION_HEADER + ": replay");
            return;
        }
        JsonNode body = mapper.readTree(exchange.getRequestBody().readNBytes(4096));
        if (body == null || !body.path("topic").isTextual() || !body.path("partition").canConvertToInt()
                || !body.path("offset").canConvertToLong()) {
            error(exchange, 400, "the replay action expects {\"topic\": text, \"partition\": number, \"offset\":"
                    + " number}");
            return;
        }
        String done = dashboard.replay(body.get("topic").asText(), body.get("partition").asInt(),
                body.get("offset").asLong());
        send(exchange, 200, JSON, mapper.writeValueAsBytes(Map.of("result", done)));
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, mapper.writeValueAsBytes(Map.of("error", message)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
