package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartPositionTest {

    @Test
    void readsTheFourForms() {
        assertThat(StartPosition.parse("beginning")).isEqualTo(new StartPosition.Beginning());
        assertThat(StartPosition.parse("end")).isEqualTo(new StartPosition.End());
        assertThat(StartPosition.parse("-25")).isEqualTo(new StartPosition.Last(25));
        assertThat(StartPosition.parse("-0")).isEqualTo(new StartPosition.End());
        assertThat(StartPosition.parse("2026-12-06T04:00:00Z"))
                .isEqualTo(new StartPosition.At(Instant.parse("2026-12-06T04:00:00Z")));
        assertThat(StartPosition.parse("2026-12-06T05:00:00+01:00"))
                .isEqualTo(new StartPosition.At(Instant.parse("2026-12-06T04:00:00Z")));
    }

    @Test
    void anythingElseIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> StartPosition.parse("yesterday")).hasMessage("--from: expected beginning, end, -N"
                + " (the last N records of each partition) or an ISO-8601 time like 2026-12-06T04:00:00Z, but was"
                + " 'yesterday'");
    }
}
