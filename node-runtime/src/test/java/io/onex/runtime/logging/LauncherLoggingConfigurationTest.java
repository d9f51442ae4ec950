package io.onex.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The launcher's logging configuration ({@code onex-log4j2.xml}, given to log4j by {@code ./onex}) must be XML that
 * log4j can read: when it is not, every verb prints a parse error and log4j falls back to its default configuration.
 */
class LauncherLoggingConfigurationTest {

    @Test
    void theLaunchersLoggingConfigurationIsWellFormedXml() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/onex-log4j2.xml")) {
            assertThat(in).as("onex-log4j2.xml on the class path").isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            assertThatCode(() -> {
                Document doc = factory.newDocumentBuilder().parse(in);
                assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Configuration");
            }).doesNotThrowAnyException();
        }
    }
}
