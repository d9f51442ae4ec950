package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.ProducerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProducerKeysTest {

    private static final String BASE = """
            name: bulk_effect
            version: 1.0.0
            node_type: effect
            implementation: com.example.BulkEffect
            """;
    private final ContractLoader loader = new ContractLoader(Map.of());

    @Test
    void withoutTheSectionTheNodeSharesTheRuntimesProducer() throws Exception {
        NodeContract c = loader.parse(BASE, Path.of("bulk.yaml"));

        assertThat(c.producer()).isEqualTo(ProducerSpec.RUNTIME_DEFAULTS);
        assertThat(c.producer().isEmpty()).isTrue();
    }

    @Test
    void readsEachGivenKeyAndLeavesTheOthersToTheRuntime() throws Exception {
        NodeContract all = loader.parse(BASE + "producer:\n  linger_ms: 20\n  batch_size: 131072\n"
                + "  compression: zstd\n", Path.of("bulk.yaml"));
        NodeContract lingerOnly = loader.parse(BASE + "producer:\n  linger_ms: 0\n", Path.of("bulk.yaml"));

        assertThat(all.producer()).isEqualTo(new ProducerSpec(OptionalInt.of(20), OptionalInt.of(131_072),
                Optional.of("zstd")));
        assertThat(lingerOnly.producer()).isEqualTo(new ProducerSpec(OptionalInt.of(0), OptionalInt.empty(),
                Optional.empty()));
        assertThat(lingerOnly.producer().isEmpty()).isFalse();
    }

    @Test
    void reportsOutOfRangeValuesAnUnknownCompressionAndAnUnknownKeyWithPinnedMessages() throws Exception {
        Path file = Path.of("src/test/resources/contracts/bad-producer/bad_producer.yaml");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ContractValidationException.class)
                .hasMessage(Files.readString(Path.of("src/test/resources/errors/bad_producer.txt"),
                        StandardCharsets.UTF_8).stripTrailing());
    }
}
