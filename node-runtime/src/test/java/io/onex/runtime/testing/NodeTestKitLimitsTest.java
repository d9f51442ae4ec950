package io.onex.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOutcome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTestKitLimitsTest {

    private static final Path ECHO = Path.of("src/test/resources/it-contracts/uppercase_echo.yaml");

    @Test
    void aRecordOverTheSizeLimitIsDeadLetteredWithTheLimitNamed() throws Exception {
        byte[] big = new byte[EnvelopeCodec.DEFAULT_MAX_RECORD_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            var done = kit.deliverBytes("onex.evt.it-input.v1", null, big);

            assertThat(done).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.published()).isEmpty();
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.errorType()).isEqualTo("io.onex.api.InvalidInputException");
                assertThat(d.errorMessage()).isEqualTo("record value is 1048577 bytes, over the limit of 1048576 "
                        + "bytes: expected an ONEX envelope of at most 1048576 bytes");
            });
        }
    }

    @Test
    void theSizeLimitIsTheOneOfOnexMaxRecordBytes() throws Exception {
        byte[] big = new byte[4097];
        Arrays.fill(big, (byte) ' ');
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).environment(Map.of("ONEX_MAX_RECORD_BYTES", "4096"))
                .build()) {
            var done = kit.deliverBytes("onex.evt.it-input.v1", null, big);

            assertThat(done).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> assertThat(d.errorMessage())
                    .isEqualTo("record value is 4097 bytes, over the limit of 4096 bytes: expected an ONEX envelope"
                            + " of at most 4096 bytes"));
        }
    }
}
