package io.onex.runtime.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The global OpenTelemetry of a test: reset before and after each test, and an SDK recording spans in memory either
 * for every test ({@link #installed()}) or from the moment a test calls {@link #install()} ({@link #notInstalled()}:
 * for tests of what happens without an SDK). Register with {@code @RegisterExtension}.
 */
public final class InMemoryTracing implements BeforeEachCallback, AfterEachCallback {

    private final boolean installEachTest;
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    private InMemoryTracing(boolean installEachTest) {
        this.installEachTest = installEachTest;
    }

    /** An SDK in every test. */
    public static InMemoryTracing installed() {
        return new InMemoryTracing(true);
    }

    /** No SDK until a test calls {@link #install()}. */
    public static InMemoryTracing notInstalled() {
        return new InMemoryTracing(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        GlobalOpenTelemetry.resetForTest();
        spans.reset();
        if (installEachTest) {
            install();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GlobalOpenTelemetry.resetForTest();
    }

    /** Installs the SDK as the global OpenTelemetry. */
    public void install() {
        OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .buildAndRegisterGlobal();
    }

    /** Removes the SDK: what follows runs as without one. */
    public void uninstall() {
        GlobalOpenTelemetry.resetForTest();
    }

    /** The spans ended so far with this name. */
    public List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** The first span ended with this name. */
    public SpanData span(String name) {
        return named(name).stream().findFirst().orElseThrow(() -> new AssertionError("no span " + name + " in "
                + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList()));
    }
}
