package io.onex.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CallRequestTest {

    @Test
    void aDeadlineReadsAsInstantParseReadsIt() {
        List<String> deadlines = List.of("2026-12-06T05:00:00Z", "2026-12-06T05:00:00.1Z", "2026-12-06T05:00:00.120Z",
                "2026-12-06T05:00:00.123456Z", "2026-12-06T05:00:00.123456789Z", "2024-02-29T23:59:59.999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", Instant.now().toString());
        for (String d : deadlines) {
            assertThat(CallRequest.parseInstant(d)).as(d).isEqualTo(Instant.parse(d));
        }
    }

    @Test
    void aDeadlineInAnotherFormOrNoDateAtAllIsLeftToInstantParse() {
        for (String d : List.of("+12026-12-06T05:00:00Z", "2026-02-30T05:00:00Z", "2026-12-06T24:00:00Z",
                "2026-12-06T05:00:00.Z", "2026-12-06T05:00:00.1234567890Z", "2026-12-06T05:00Z", "2026-12-06 05:00:00Z",
                "2026-12-06T05:00:00.12a4Z", "20261206T050000Z")) {
            assertThat(outcome(() -> CallRequest.parseInstant(d))).as(d).isEqualTo(outcome(() -> Instant.parse(d)));
        }

        Map<String, Object> payload = new HashMap<>(new CallRequest("r-1", "pricing_effect", null, "runtime-a",
                "onex.evt.runtime-a-replies.v1", Instant.EPOCH).toPayload());
        payload.put("deadline", "2026-12-06T25:00:00Z");
        assertThatThrownBy(() -> CallRequest.fromPayload(payload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote call payload: deadline must be an ISO-8601 instant, but was 2026-12-06T25:00:00Z");
    }

    /** The instant read, or the kind of failure. */
    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
