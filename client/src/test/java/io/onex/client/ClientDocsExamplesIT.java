package io.onex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.api.DeliveryReceipt;
import io.onex.client.proto.PlanCreated;
import io.onex.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of docs/client.md, run; and a check that the page shows exactly this code. */
class ClientDocsExamplesIT {

    record OrderPlaced(String orderId, int quantity) {
    }

    private final RuntimeConfig config = OnexClientIT.CONFIG;
    private final List<OrderPlaced> billed = new CopyOnWriteArrayList<>();
    private final List<PlanCreated> planned = new CopyOnWriteArrayList<>();

    @Test
    void examplesOfTheDocsPageProduceAndSubscribeInBothCodecs() {
        // docs:setup
        TopicTypes types = TopicTypes.builder()
                .json("onex.evt.order-placed.v1", OrderPlaced.class)
                .protobuf("plans.v1", PlanCreated.class)
                .build();
        OnexClient client = OnexClient.builder().config(config).topicTypes(types).build();
        // end
        try (client) {
            // docs:subscribe-json
            client.subscribe("billing", List.of("onex.evt.order-placed.v1"),
                    message -> bill(message.value(OrderPlaced.class)));
            // end
            // docs:subscribe-protobuf
            client.subscribe("planner", List.of("plans.v1"), message -> plan(message.value(PlanCreated.class)));
            // end
            // docs:produce-json
            DeliveryReceipt receipt = client.produce("onex.evt.order-placed.v1", new OrderPlaced("o-1", 3), "o-1")
                    .toCompletableFuture().join();
            // end
            // docs:produce-protobuf
            client.produce("plans.v1", PlanCreated.newBuilder().setPlanId("p-1").setSteps(3).build());
            // end
            assertThat(receipt.offset()).isNotNegative();
            await().atMost(Duration.ofSeconds(60)).until(() -> billed.size() == 1 && planned.size() == 1);
            assertThat(billed).containsExactly(new OrderPlaced("o-1", 3));
            assertThat(planned.get(0).getPlanId()).isEqualTo("p-1");
        }
    }

    @Test
    void docsPageShowsTheCodeOfThisTest() throws IOException {
        String page = Files.readString(Path.of("../docs/client.md"));
        String source = Files.readString(Path.of("src/test/java/io/onex/client/ClientDocsExamplesIT.java"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(5);
        for (String block : blocks) {
            assertThat(squash(source)).as("docs/client.md block is code of this test:%n%s", block)
                    .contains(squash(block));
        }
    }

    private void bill(OrderPlaced order) {
        billed.add(order);
    }

    private void plan(PlanCreated plan) {
        planned.add(plan);
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
