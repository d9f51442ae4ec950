package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.InvalidInputException;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Expected digests are the first 32 bytes of the {@code hash} outputs of the official BLAKE3 test vectors
 * (BLAKE3-team/BLAKE3, test_vectors/test_vectors.json), whose input of length n is the bytes {@code i % 251}.
 */
class Blake3HashComputeTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final InProcessSteps steps = new InProcessSteps(events, clock, new ManualScheduler(clock));

    private static byte[] officialInput(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    @ParameterizedTest(name = "input_len {0}")
    @CsvSource({
            "0,    af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
            "1,    2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
            "1023, 10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
            "1024, 42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
            "1025, d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
            "2049, 5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"})
    void matchesTheOfficialVectors(int length, String expected) {
        assertThat(Blake3HashCompute.blake3Hex(officialInput(length))).isEqualTo(expected);
    }

    @Test
    void hashesBase64ContentAndPublishesTheHashEvent() {
        byte[] input = officialInput(1024);
        Blake3HashCompute.HashResult r = new Blake3HashCompute().compute(new Blake3HashCompute.HashInput("wf-1", null,
                Base64.getEncoder().encodeToString(input)), steps.context("blake3_hash_compute", "corr-1", null));

        assertThat(r.fileHash()).isEqualTo("42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7");
        assertThat(r.fileSizeBytes()).isEqualTo(1024);
        assertThat(r.hashAlgorithm()).isEqualTo("blake3");
        OutboundEvent e = events.attempts(StampEventFields.HASH_GENERATED).get(0);
        assertThat(e.topic()).isEqualTo(BridgeTopics.BLAKE3_HASH_GENERATED);
        assertThat(e.payload()).containsEntry(StampEventFields.WORKFLOW_ID, "wf-1")
                .containsEntry(StampEventFields.FILE_HASH, r.fileHash())
                .containsEntry(StampEventFields.HASH_ALGORITHM, "blake3")
                .containsEntry(StampEventFields.FILE_SIZE_BYTES, 1024)
                .containsKey(StampEventFields.HASH_DURATION_MS);
    }

    @Test
    void textIsHashedAsItsUtf8Bytes() {
        Blake3HashCompute.HashResult r = new Blake3HashCompute().compute(new Blake3HashCompute.HashInput(null, "é",
                null), steps.context("blake3_hash_compute", "corr-2", null));

        assertThat(r.fileSizeBytes()).isEqualTo(2);
        assertThat(r.fileHash()).isEqualTo(Blake3HashCompute.blake3Hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void noContentIsInvalidInput() {
        assertThatThrownBy(() -> new Blake3HashCompute().compute(new Blake3HashCompute.HashInput(null, null, null),
                steps.context("blake3_hash_compute", "corr-3", null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("content: required, expected 'content' or 'content_base64'");
    }
}
