package io.onex.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.OnexRuntime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

class StartupWarningsTest {

    @Test
    void listsMisspelledVariablesThenTheEmbeddedBrokerNoticeWhenItMatters() {
        Map<String, String> env = Map.of("ONEX_TENNANT", "t", "KAFKA_MAX_POLL_RECORD", "5");

        assertThat(StartupWarnings.of(env, false)).containsExactly(
                "Unknown environment variable KAFKA_MAX_POLL_RECORD is ignored; did you mean KAFKA_MAX_POLL_RECORDS?",
                "Unknown environment variable ONEX_TENNANT is ignored; did you mean ONEX_TENANT?");
        assertThat(StartupWarnings.of(env, true)).hasSize(3).last().isEqualTo(StartupWarnings.embeddedBrokerNotice());
        assertThat(StartupWarnings.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:9092"), true)).isEmpty();
    }

    @Test
    void anEmbeddedRuntimeLogsAMisspelledVariableAtWarnWhenItIsBuilt() throws Exception {
        List<LogEvent> logged = new CopyOnWriteArrayList<>();
        AbstractAppender appender = new AbstractAppender("startup-warnings-test", null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.toImmutable());
            }
        };
        appender.start();
        Logger logger = (Logger) LogManager.getLogger(StartupWarnings.class);
        logger.addAppender(appender);
        try (OnexRuntime runtime = OnexRuntime.builder().environment(Map.of("KAFKA_BOOTSRAP_SERVERS", "h:9092"))
                .httpPort(-1).build()) {
            assertThat(logged).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getMessage().getFormattedMessage()).isEqualTo("Unknown environment variable"
                        + " KAFKA_BOOTSRAP_SERVERS is ignored; did you mean KAFKA_BOOTSTRAP_SERVERS?");
            });
        } finally {
            logger.removeAppender(appender);
        }
    }
}
