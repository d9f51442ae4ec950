package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.ops.DeadLetterView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterBoardTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final String DLQ = "dev.t.onex.evt.orders.v1.dlq";
    private final DeadLetterBoard board = new DeadLetterBoard(2);
    private final ObjectMapper mapper = new ObjectMapper();

    private static DeadLetterView letter(long offset, String originalTopic, String errorType, String message) {
        return new DeadLetterView(DLQ, 0, offset, T0.plusSeconds(offset), null, errorType, message, originalTopic,
                Optional.of(2), Optional.of(40 + offset), 3, Optional.of("orders-1"), 0, Optional.of("ev-" + offset),
                Optional.of("ORDER_PLACED"), Optional.of("corr-" + offset), Map.of("service", "shop"),
                Map.of("note", "<script>alert(1)</script>", "password", "***"), Optional.empty());
    }

    private JsonNode json(boolean actions) {
        return mapper.valueToTree(board.view(T0.plusSeconds(100), actions));
    }

    @Test
    void countsEachTopicsLettersByOriginalTopicAndErrorTypeTheMostFirst() {
        board.accept(letter(0, "dev.t.onex.evt.orders.v1", "java.io.IOException", "disk full"));
        board.accept(letter(1, "dev.t.onex.evt.orders.v1", "io.onex.api.InvalidInputException", "bad sku"));
        board.accept(letter(2, "dev.t.onex.evt.orders.v1", "io.onex.api.InvalidInputException", "bad qty"));

        JsonNode topic = json(false).path("topics").get(0);

        assertThat(topic.path("topic").asText()).isEqualTo(DLQ);
        assertThat(topic.path("total").asLong()).isEqualTo(3);
        assertThat(topic.path("counts").get(0).path("errorType").asText())
                .isEqualTo("io.onex.api.InvalidInputException");
        assertThat(topic.path("counts").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(topic.path("counts").get(1).path("errorType").asText()).isEqualTo("java.io.IOException");
        assertThat(topic.path("counts").get(1).path("originalTopic").asText()).isEqualTo("dev.t.onex.evt.orders.v1");
    }

    @Test
    void keepsTheLatestLettersNewestFirstWithTheirErrorAndOriginalEnvelopeAsData() {
        board.accept(letter(0, "dev.t.onex.evt.orders.v1", "java.io.IOException", "first"));
        board.accept(letter(1, "dev.t.onex.evt.orders.v1", "java.io.IOException", "second"));
        board.accept(letter(2, "dev.t.onex.evt.orders.v1", "java.io.IOException", "third"));

        JsonNode records = json(false).path("topics").get(0).path("records");

        assertThat(records).hasSize(2);
        JsonNode newest = records.get(0);
        assertThat(newest.path("offset").asLong()).isEqualTo(2);
        assertThat(newest.path("errorMessage").asText()).isEqualTo("third");
        assertThat(newest.path("origin").asText())
                .isEqualTo("dev.t.onex.evt.orders.v1[2]@42, 3 attempt(s), node orders-1");
        assertThat(newest.path("eventType").asText()).isEqualTo("ORDER_PLACED");
        assertThat(newest.path("payload").path("note").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(newest.path("payload").path("password").asText()).isEqualTo("***");
        assertThat(newest.path("source").path("service").asText()).isEqualTo("shop");
        assertThat(newest.path("deadLetteredAt").asLong()).isEqualTo(T0.plusSeconds(2).toEpochMilli());
    }

    @Test
    void listsAKnownTopicWithNoLettersAndSaysWhetherActionsAreOffered() {
        board.know("dev.t.onex.evt.empty.v1.dlq");

        JsonNode view = json(true);

        assertThat(view.path("actions").asBoolean()).isTrue();
        assertThat(view.path("topics").get(0).path("total").asLong()).isZero();
        assertThat(view.path("topics").get(0).path("records")).isEmpty();
    }
}
