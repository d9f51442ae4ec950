package com.example.greeting;

import io.onex.runtime.OnexRuntime;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A service that embeds the ONEX runtime: its contracts from {@code contracts/}, Kafka at
 * {@code KAFKA_BOOTSTRAP_SERVERS} or, unset, the in-JVM broker of {@code io.onex:onex-embedded-broker}; /metrics and
 * /health on {@code ONEX_HTTP_PORT} (8085 unless set; 0 = any free port, -1 = none).
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=com.example.greeting.GreetingService -Dexec.args=Ada</pre>
 */
public final class GreetingService {

    private GreetingService() {
    }

    /** Starts the service, greets {@code args[0]} once, and serves until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        OnexRuntime runtime = start(OnexRuntime.builder());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();   // reverse order: consumers commit, the producer flushes, the embedded broker stops
            stopped.countDown();
        }, "greeting-service-shutdown"));

        Object answer = runtime.call("greeting_effect", Map.of("name", args.length > 0 ? args[0] : "world"))
                .toCompletableFuture().join();
        System.out.println(answer + " (Kafka at " + runtime.bootstrapServers() + ", /health on port "
                + runtime.httpPort() + ")");
        stopped.await();
    }

    /** The service's runtime, started; the builder may carry test settings (e.g. {@code httpPort(0)}). */
    static OnexRuntime start(OnexRuntime.Builder builder) {
        return builder.contracts(Path.of("contracts")).build().start();
    }
}
