package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.OutboundEvent;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeWorkflows;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver) against two runtimes on the
 * embedded broker: a watcher that serves the dashboard on its HTTP port and runs a node that dead-letters poison and
 * the steps of a workflow, and a victim whose runtime is abandoned (no shutdown introspection). Each page is
 * screenshot under {@code target/dashboard-screenshots/}; each update latency is printed as {@code key=value}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target/dashboard-screenshots");
    private static final String POISON = "<img src=x onerror=window.__pwned=1>";

    private OnexRuntime watcher;
    private OnexRuntime victim;
    private ChromeDriver browser;
    private Path profile;
    private String base;

    @BeforeAll
    void start() throws IOException {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_dash_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "ONEX_DASHBOARD_ACTIONS", "true");
        watcher = runtime(env, "watcher", 0);
        victim = runtime(env, "victim", -1);
        base = "http://127.0.0.1:" + watcher.httpPort();
        profile = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (victim != null) {
            victim.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void nodesPageListsTheRunningNodesAndTurnsAnAbandonedOneSuspect() throws IOException {
        open("nodes");
        String victimId = victim.nodeId("dash_victim_compute");
        for (String id : new String[] {watcher.nodeId("dash_refusing_effect"),
                watcher.nodeId("dash_increment_compute"), victimId}) {
            waitFor(By.cssSelector("tr[data-node-id='" + id + "'][data-status='active']"));
        }
        By victimRow = By.cssSelector("tr[data-node-id='" + victimId + "']");
        // the introspection may arrive before the first heartbeat, which brings the health
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(victimRow,
                "healthy"));
        assertThat(browser.findElement(victimRow).getText()).contains("dash_victim_compute", "compute", "3.1.4",
                "3 s");
        assertThat(browser.findElement(By.cssSelector(".chip[data-name='dash_victim_compute']")).getText())
                .isEqualTo("dash_victim_compute: 1 live / 1");

        AtomicLong suspectAt = new AtomicLong();
        NodeDirectory directory = watcher.directory();
        try (AutoCloseable listening = directory.addListener(change -> {
            if (change.entry().nodeId().equals(victimId) && change.entry().status() == NodeStatus.SUSPECT) {
                suspectAt.set(System.nanoTime());
            }
        })) {
            long abandoned = System.nanoTime();
            victim.abandon();
            waitFor(By.cssSelector("tr[data-node-id='" + victimId + "'][data-status='suspect']"));
            long shown = System.nanoTime();
            assertThat(browser.findElement(By.cssSelector("tr[data-node-id='" + victimId + "'] [data-role='status']"))
                    .getCssValue("background-color")).as("suspect is drawn in the warning colour")
                    .isEqualTo("rgba(154, 103, 0, 1)");
            screenshot("nodes");
            report("nodes_suspect_page_latency_ms", suspectAt.get() == 0 ? -1 : millis(suspectAt.get(), shown));
            report("nodes_abandon_to_page_ms", millis(abandoned, shown));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(2)
    void groupsPageShowsEachGroupsLagVerdictAndChart() throws IOException {
        open("groups");
        waitFor(By.cssSelector(".card[data-group] [data-role='verdict']"));
        waitFor(By.cssSelector(".card[data-group] .chart canvas"));
        assertThat(browser.findElements(By.cssSelector(".card[data-group] [data-role='verdict']")))
                .allSatisfy(v -> assertThat(v.getText()).isIn("ok", "warning", "critical"));
        screenshot("groups");
    }

    @Test
    @Order(3)
    void aPoisonRecordRaisesTheDlqCountAndItsErrorShowsAsText() throws Exception {
        open("dlq");
        String dlq = watcher.config().resolveTopic("onex.evt.dash-input.v1") + ".dlq";
        waitFor(By.cssSelector(".card[data-topic='" + dlq + "']"));
        long sent = System.nanoTime();
        watcher.publisher("dash_refusing_effect").publish(OutboundEvent.builder("onex.evt.dash-input.v1", "DASH_INPUT")
                .payload(Map.of("poison", true, "text", POISON)).build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        WebElement error = waitFor(By.cssSelector(".card[data-topic='" + dlq + "'] [data-role='error']"));
        long shown = System.nanoTime();

        assertThat(browser.findElement(By.cssSelector(".card[data-topic='" + dlq + "'] [data-role='count']"))
                .getText()).isEqualTo("1");
        assertThat(error.getText()).contains("InvalidInputException").contains("refused " + POISON);
        assertThat(error.findElements(By.tagName("img"))).as("the error is text, not markup").isEmpty();
        browser.findElement(By.cssSelector(".card[data-topic='" + dlq + "'] details summary")).click();
        assertThat(browser.findElement(By.cssSelector(".card[data-topic='" + dlq + "'] [data-role='envelope']"))
                .getText()).contains(POISON).contains("DASH_INPUT");
        assertThat(browser.findElements(By.cssSelector("#dlq img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        screenshot("dlq");
        report("dlq_record_to_page_ms", millis(sent, shown));
    }

    @Test
    @Order(4)
    void replayingALetterAsksForConfirmationFirstAndItsRepeatedFailureComesBackCounted() {
        open("dlq");
        String dlq = watcher.config().resolveTopic("onex.evt.dash-input.v1") + ".dlq";
        By replay = By.cssSelector(".card[data-topic='" + dlq + "'] [data-role='replay']");
        waitFor(replay).click();
        Alert confirmation = new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent());
        assertThat(confirmation.getText()).startsWith("Replay " + dlq + "[").endsWith(" to "
                + watcher.config().resolveTopic("onex.evt.dash-input.v1") + "?");
        confirmation.dismiss();
        assertThat(browser.findElements(By.cssSelector("[data-role='replayed']"))).as("dismissed: nothing sent")
                .isEmpty();

        waitFor(replay).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waitFor(By.cssSelector("[data-role='replayed']")).getText()).startsWith("replayed to "
                + watcher.config().resolveTopic("onex.evt.dash-input.v1"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector(".card[data-topic='" + dlq + "'] [data-role='count']"), "2"));
        assertThat(browser.findElement(By.cssSelector(".card[data-topic='" + dlq + "'] tr[data-offset] "
                + "[data-role='error']")).getText()).endsWith("(replayed 1x)");
    }

    @Test
    @Order(5)
    void aWorkflowRunAppearsWithItsStepsDrawnAsAGraph() throws Exception {
        open("runs");
        WorkflowDefinition wf = WorkflowLoader.forContracts(watcher.contracts())
                .load(Path.of("src/test/resources/dashboard-workflows/dash_pipeline.yaml"));
        WorkflowResult result;
        long finished;
        try (RuntimeWorkflows workflows = RuntimeWorkflows.open(watcher)) {
            workflows.prepare(wf);
            result = workflows.engine().start(wf, Map.of("n", 1)).result().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            finished = System.nanoTime();
        }
        assertThat(result.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        WebElement row = waitFor(By.cssSelector("tr[data-run='" + result.workflowId() + "'][data-status='completed']"));
        long shown = System.nanoTime();
        row.click();
        WebElement graph = waitFor(By.cssSelector("svg[data-role='dag']"));
        assertThat(graph.findElements(By.cssSelector("g[data-step]"))).extracting(g -> g.getAttribute("data-step"))
                .containsExactlyInAnyOrder("start", "fan_out", "left", "right", "join");
        assertThat(graph.findElements(By.cssSelector("g[data-step]")))
                .allSatisfy(g -> assertThat(g.getAttribute("data-status")).isEqualTo("completed"));
        double startX = x(graph, "start");
        assertThat(x(graph, "fan_out")).isGreaterThan(startX);
        assertThat(x(graph, "left")).isGreaterThan(x(graph, "fan_out")).isEqualTo(x(graph, "right"));
        assertThat(x(graph, "join")).isGreaterThan(x(graph, "left"));
        screenshot("runs");
        report("run_finished_to_page_ms", millis(finished, shown));
    }

    private static double x(WebElement graph, String step) {
        return Double.parseDouble(graph.findElement(By.cssSelector("g[data-step='" + step + "'] rect"))
                .getAttribute("x"));
    }

    private void open(String page) {
        browser.get(base + "/#" + page);
        waitFor(By.cssSelector("nav a.active[data-page='" + page + "']"));
    }

    private WebElement waitFor(By what) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private void screenshot(String page) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static void report(String key, long value) throws IOException {
        String line = key + "=" + value + System.lineSeparator();
        System.out.print(line);
        Files.writeString(SHOTS.resolve("latency.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static OnexRuntime runtime(Map<String, String> env, String contracts, int httpPort) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/dashboard-contracts/" + contracts))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(httpPort).build().start();
    }
}
