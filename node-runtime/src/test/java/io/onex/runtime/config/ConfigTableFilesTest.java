package io.onex.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of docs/configuration.md is the one {@link ConfigTable#markdown()} writes, between the
 * page's markers. After changing the table, rewrite it with
 * {@code mvn -B -o -q -pl node-runtime test -Dtest=ConfigTableFilesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Donex.regenerate=true}.
 */
class ConfigTableFilesTest {

    static final Path PAGE = Path.of("../docs/configuration.md");
    static final String START = "-Donex.regenerate=true -->\n";
    static final String END = "<!-- end of the generated table -->";
    private static final String HOW = "; regenerate with mvn -B -o -q -pl node-runtime test -Dtest=ConfigTableFilesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Donex.regenerate=true";

    @Test
    void configurationPagesTableIsTheOneTheTableWrites() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as(PAGE + " has lost its generated-table markers").isNotNegative();
        assertThat(end).as(PAGE + " has lost its generated-table markers").isGreaterThan(start);
        String current = page.substring(start + START.length(), end);

        if (Boolean.getBoolean("onex.regenerate")) {
            page = page.substring(0, start + START.length()) + ConfigTable.markdown() + page.substring(end);
            Files.writeString(PAGE, page, StandardCharsets.UTF_8);
            current = ConfigTable.markdown();
        }
        assertThat(current).as(PAGE + " is out of date" + HOW).isEqualTo(ConfigTable.markdown());
    }
}
