package io.onex.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

    @Test
    void markdownListsEverySettingWithTypeDefaultRangeAndDoc() {
        String markdown = ConfigTable.markdown();
        List<String> rows = markdown.lines().skip(2).toList();

        assertThat(markdown).startsWith("| Variable | Type | Default | Range | Description |\n| --- | --- | --- | --- | --- |\n");
        assertThat(rows).hasSize(ConfigTable.settings().size());
        for (Setting s : ConfigTable.settings()) {
            assertThat(markdown).contains("| `" + s.name() + "` | " + s.type().label() + " | ");
        }
        assertThat(markdown).contains("| `KAFKA_MAX_POLL_RECORDS` | int | `500` | `1..10000` | Maximum records returned by one poll: "
                + "the fallback of consumer.max_poll_records for contracts that do not give it. |");
        assertThat(markdown).contains("| `KAFKA_AUTO_OFFSET_RESET` | string | `earliest` | `earliest, latest` |");
    }

    @Test
    void helpTextListsEverySetting() {
        String help = ConfigTable.helpText();

        for (Setting s : ConfigTable.settings()) {
            assertThat(help).contains("  " + s.name() + " (" + s.type().label());
        }
        assertThat(help).contains("  ONEX_HTTP_PORT (int: -1..65535; default 8085)");
    }

    @Test
    void declaresTheSettingsTheWireDocumentNames() {
        assertThat(ConfigTable.settings()).extracting(Setting::name).contains(
                "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_TOPIC_PREFIX", "KAFKA_CONSUMER_GROUP", "KAFKA_AUTO_OFFSET_RESET",
                "KAFKA_ENABLE_AUTO_COMMIT", "KAFKA_MAX_POLL_RECORDS", "KAFKA_SESSION_TIMEOUT_MS",
                "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
                "KAFKA_SSL_CA_LOCATION", "ONEX_ENV", "ONEX_TENANT", "ONEX_DATABASE_URL");
        assertThat(ConfigTable.settings()).filteredOn(Setting::secret).extracting(Setting::name)
                .containsExactly("KAFKA_SASL_PASSWORD", "ONEX_DATABASE_PASSWORD");
    }

    @Test
    void everyDefaultPassesItsOwnValidator() {
        for (Setting s : ConfigTable.settings()) {
            if (s.defaultValue() != null) {
                assertThat(s.validator().problem(s.defaultValue())).as(s.name()).isNull();
            }
        }
    }

    @Test
    void typoDistanceCountsATranspositionAsOneEdit() {
        assertThat(EnvironmentReader.distance("KAFAK", "KAFKA")).isEqualTo(1);
        assertThat(EnvironmentReader.distance("ONEX_ENV", "ONEX_ENV")).isZero();
        assertThat(EnvironmentReader.distance("ONEX_LOG_LEVEL", "ONEX_TENANT")).isGreaterThan(2);
    }
}
