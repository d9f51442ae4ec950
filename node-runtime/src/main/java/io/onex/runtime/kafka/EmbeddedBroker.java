package io.onex.runtime.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * The in-JVM Kafka broker of the artifact {@value #ARTIFACT}, found at run time by its class name: the runtime does
 * not depend on the broker (Scala, {@code kafka_2.13}), a service adds that artifact to get the zero-setup default.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start()) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The Maven coordinates (groupId:artifactId) a service adds for the embedded broker. */
    public static final String ARTIFACT = "io.onex:onex-embedded-broker";

    /** The class in {@value #ARTIFACT} with {@code static start()}, {@code bootstrapServers()} and {@code close()}. */
    static final String CLASS_NAME = "io.onex.kafka.embedded.EmbeddedKafkaBroker";

    private final AutoCloseable broker;
    private final String bootstrapServers;

    private EmbeddedBroker(AutoCloseable broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker on a free loopback port.
     *
     * @throws MissingException when {@value #ARTIFACT} (or the Kafka broker it brings) is not on the classpath
     */
    public static EmbeddedBroker start() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return start(loader != null ? loader : EmbeddedBroker.class.getClassLoader());
    }

    static EmbeddedBroker start(ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(CLASS_NAME, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MissingException(e);
        }
        Object broker = invoke(type, null, "start");
        try {
            return new EmbeddedBroker((AutoCloseable) broker,
                    (String) Objects.requireNonNull(invoke(type, broker, "bootstrapServers"), "bootstrapServers"));
        } catch (RuntimeException | Error e) {
            closeQuietly((AutoCloseable) broker, e);
            throw e;
        }
    }

    private static Object invoke(Class<?> type, Object target, String method) {
        try {
            Method m = type.getMethod(method);
            return m.invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(CLASS_NAME + "." + method + "() is not callable: " + ARTIFACT
                    + " does not match this runtime's version (take both versions from io.onex:onex-bom)", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoClassDefFoundError missing) {
                throw new MissingException(missing);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the embedded broker failed in " + method + "(): " + cause, cause);
        }
    }

    private static void closeQuietly(AutoCloseable broker, Throwable failure) {
        try {
            broker.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            broker.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the embedded broker failed", e);
        }
    }

    /** The embedded broker's artifact is not on the classpath; the message names it. */
    public static final class MissingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingException(Throwable cause) {
            super("the embedded broker is not on the classpath: add the dependency " + ARTIFACT
                    + " (its version comes from the BOM io.onex:onex-bom; see docs/embedding.md)", cause);
        }
    }
}
