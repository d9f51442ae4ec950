package io.onex.nodes.orchestrator;

import io.onex.runtime.OnexRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The typed way to stamp through a started runtime's {@code bridge_orchestrator}: calls go through the node's
 * pipeline like {@code runtime.call("bridge_orchestrator", Map.of(...))}, and come back as {@link StampResult}.
 * Calls may overlap: each is its own workflow run.
 *
 * <pre>{@code
 * StampClient stamps = StampClient.of(runtime);
 * StampResult r = stamps.stampFile(Path.of("README.md"), "docs").toCompletableFuture().join();
 * }</pre>
 */
public final class StampClient {

    /** The orchestrator's contract name. */
    public static final String NODE = "bridge_orchestrator";

    private final OnexRuntime runtime;

    private StampClient(OnexRuntime runtime) {
        this.runtime = runtime;
    }

    /** A client of a started runtime that runs {@code bridge_orchestrator} and its step nodes. */
    public static StampClient of(OnexRuntime runtime) {
        return new StampClient(runtime);
    }

    /** Stamps one request. */
    public CompletionStage<StampResult> stamp(StampRequest request) {
        return runtime.call(NODE, request).thenApply(StampResult.class::cast);
    }

    /**
     * Stamps a file's bytes, named by the path as given, the content type inferred from its name.
     *
     * @return fails with an {@link UncheckedIOException} when the file cannot be read
     */
    public CompletionStage<StampResult> stampFile(Path file, String namespace) {
        return stampFile(file, namespace, false);
    }

    /** Stamps a file's bytes, asking the intelligence service about it when {@code askIntelligence}. */
    public CompletionStage<StampResult> stampFile(Path file, String namespace, boolean askIntelligence) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot read " + file, e));
        }
        return stamp(StampRequest.ofBytes(file.toString().replace('\\', '/'), namespace, bytes)
                .withIntelligence(askIntelligence));
    }
}
