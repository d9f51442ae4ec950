package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseAdapterConfigTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_database_adapter.yaml");

    private static DatabaseAdapterConfig config(Map<String, String> env) throws Exception {
        NodeContract c = new ContractLoader(env).load(CONTRACT);
        return DatabaseAdapterConfig.from(c, RuntimeConfig.fromEnvironment(env), "adapter-1");
    }

    @Test
    void theContractAndEnvironmentGiveTheDatabaseAndBatchSettings() throws Exception {
        DatabaseAdapterConfig c = config(Map.of("ONEX_DATABASE_URL", "jdbc:postgresql://db:5432/bridge",
                "ONEX_DATABASE_USER", "bridge", "ONEX_DATABASE_PASSWORD", "s3cr3t-value", "DB_ADAPTER_POOL_SIZE", "4",
                "DB_ADAPTER_SCHEMA", "bridge", "DB_ADAPTER_BATCH_SIZE", "250"));

        assertThat(c.database().url()).contains("jdbc:postgresql://db:5432/bridge");
        assertThat(c.database().user()).contains("bridge");
        assertThat(c.database().password().orElseThrow().reveal()).isEqualTo("s3cr3t-value");
        assertThat(c.database().poolSize()).isEqualTo(4);
        assertThat(c.database().schema()).contains("bridge");
        assertThat(c.batchSize()).isEqualTo(250);
        assertThat(c.temporaryEmbeddedFile()).isFalse();
    }

    @Test
    void thePasswordIsShownNowhere() throws Exception {
        DatabaseAdapterConfig c = config(Map.of("ONEX_DATABASE_URL", "jdbc:postgresql://u:urlpass@db:5432/bridge",
                "ONEX_DATABASE_PASSWORD", "s3cr3t-value"));

        assertThat(c.toString()).doesNotContain("s3cr3t-value").doesNotContain("urlpass").contains("[hidden]");
        assertThat(c.database().describe()).doesNotContain("urlpass");
    }

    @Test
    void withoutADatabaseUrlTheEmbeddedDatabaseIsUsed() throws Exception {
        DatabaseAdapterConfig c = config(Map.of());

        assertThat(c.database().embedded()).isTrue();
        assertThat(c.temporaryEmbeddedFile()).isTrue();
        assertThat(c.database().embeddedFile().getFileName().toString()).isEqualTo("onex-bridge-adapter-1.db");
        assertThat(c.batchSize()).isEqualTo(500);
    }

    @Test
    void badSettingsAreReportedTogetherNamingEachKeyAndWhatWasExpected() throws Exception {
        NodeContract c = new ContractLoader(Map.of()).load(CONTRACT);
        Map<String, Object> bad = new HashMap<>(c.config());
        bad.put("pool_size", "0");
        bad.put("connection_timout", "5s");
        bad.put("schema", "Bad-Schema");

        assertThatThrownBy(() -> DatabaseAdapterConfig.from(c.toBuilder().config(bad).build(),
                RuntimeConfig.fromEnvironment(Map.of("ONEX_DATABASE_URL", "jdbc:mysql://db/bridge")), "n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("4 errors in ../contracts/bridge_database_adapter.yaml: config.connection_timout: unknown key,"
                        + " expected one of [connection_timeout, embedded_file, pool_size, schema]; config.pool_size:"
                        + " expected a whole number from 1 to 64, but was '0'; config.schema: expected"
                        + " [a-z_][a-z0-9_]{0,62}, but was 'Bad-Schema'; ONEX_DATABASE_URL: expected"
                        + " jdbc:postgresql:... or jdbc:sqlite:..., but was 'jdbc:mysql:...'");
    }
}
