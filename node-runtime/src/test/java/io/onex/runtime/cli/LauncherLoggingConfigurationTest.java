package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The launchers' logging configuration (also conf/log4j2.xml of the distribution, and the log4j2.xml a new project
 * gets from {@code onex new-node}) is XML log4j can read: a malformed one makes log4j print a parse error and a
 * stack trace on every command.
 */
class LauncherLoggingConfigurationTest {

    @Test
    void theLaunchersLog4jConfigurationIsWellFormed() throws Exception {
        Document config;
        try (InputStream in = getClass().getResourceAsStream("/onex-log4j2.xml")) {
            assertThat(in).isNotNull();
            config = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }

        assertThat(config.getDocumentElement().getTagName()).isEqualTo("Configuration");
    }
}
