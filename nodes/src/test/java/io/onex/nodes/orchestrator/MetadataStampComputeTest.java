package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.InvalidInputException;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetadataStampComputeTest {

    private static final String HASH = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final InProcessSteps steps = new InProcessSteps(new RecordingEventPublisher(), clock,
            new ManualScheduler(clock));

    private MetadataStamp stamp(String workflowId, String hash, String fileName) {
        return new MetadataStampCompute().compute(new MetadataStampCompute.StampInput(workflowId, hash, fileName, "docs",
                42L, "text/markdown", "md"), steps.context("metadata_stamp_compute", "corr-1", null));
    }

    @Test
    void carriesEveryStampField() {
        MetadataStamp s = stamp("wf-1", HASH, "README.md");

        assertThat(UUID.fromString(s.stampId())).isNotNull();
        assertThat(s.workflowId()).isEqualTo("wf-1");
        assertThat(s.fileHash()).isEqualTo(HASH);
        assertThat(s.hashAlgorithm()).isEqualTo("blake3");
        assertThat(s.namespace()).isEqualTo("docs");
        assertThat(s.fileName()).isEqualTo("README.md");
        assertThat(s.fileSizeBytes()).isEqualTo(42);
        assertThat(s.contentType()).isEqualTo("text/markdown");
        assertThat(s.fileType()).isEqualTo("md");
        assertThat(s.createdAt()).isEqualTo("2026-11-18T11:06:40Z");
    }

    @Test
    void theStampIdIsStableWithinARunAndDiffersAcrossRunsAndContents() {
        String first = stamp("wf-1", HASH, "README.md").stampId();
        clock.advance(Duration.ofMinutes(1));

        assertThat(stamp("wf-1", HASH, "README.md").stampId()).as("a retried step").isEqualTo(first);
        assertThat(stamp("wf-2", HASH, "README.md").stampId()).isNotEqualTo(first);
        assertThat(stamp("wf-1", "00" + HASH.substring(2), "README.md").stampId()).isNotEqualTo(first);
    }

    @Test
    void aMissingHashIsInvalidInputNamingTheField() {
        assertThatThrownBy(() -> stamp("wf-1", null, "README.md")).isInstanceOf(InvalidInputException.class)
                .hasMessage("file_hash: required, but was missing");
        assertThatThrownBy(() -> stamp("wf-1", HASH, " ")).isInstanceOf(InvalidInputException.class)
                .hasMessage("file_name: required, but was empty");
    }
}
