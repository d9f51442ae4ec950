package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The launcher's logging file ({@code onex-log4j2.xml}, named by {@code ./onex} and read by every JVM the launcher
 * starts) is a configuration log4j can read: an XML error there makes log4j print a parse error and a stack trace
 * on every command, then log with its defaults.
 */
class LauncherLoggingConfigurationTest {

    @Test
    void theLaunchersLoggingFileParsesAndKeepsKafkaAtErrorAndTheRuntimeAtWarn() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/onex-log4j2.xml")) {
            XmlConfiguration config = new XmlConfiguration(new LoggerContext("launcher-config-test"),
                    new ConfigurationSource(in));
            config.initialize();

            assertThat(config.getLoggers()).containsKeys("io.onex", "kafka", "org.apache.kafka");
            assertThat(config.getLoggerConfig("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
            assertThat(config.getLoggerConfig("io.onex").getLevel()).isEqualTo(Level.WARN);
            assertThat(config.getAppenders()).containsKey("stderr");
        }
    }
}
