package io.onex.runtime.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of the JVM while open, as an operator's log file would hold it (message and stack trace), from
 * log4j2's root: for tests that assert what was logged, or that something never was.
 */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final Map<String, Level> previousLevels;

    /**
     * @param levels loggers to open up while capturing (say, {@code io.onex} at DEBUG), restored on close
     */
    public CapturedLogs(Map<String, Level> levels) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%-5level [%t] %c - %msg%n%throwable").build();
        appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(getLayout().toSerializable(event).toString());
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        previousLevels = new java.util.HashMap<>();
        levels.forEach((name, level) -> {
            previousLevels.put(name, context.getConfiguration().getLoggerConfig(name).getLevel());
            Configurator.setLevel(name, level);
        });
        context.updateLoggers();
    }

    public CapturedLogs() {
        this(Map.of());
    }

    /** The lines so far, each with its stack trace if any. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything captured as one text. */
    public String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        previousLevels.forEach(Configurator::setLevel);
        context.updateLoggers();
        appender.stop();
    }
}
