package io.onex.nodes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import io.onex.runtime.testing.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code onex publish} sends through kafka_event_effect alone, on the cluster {@code --bootstrap} names. */
class PublishCommandIT {

    @Test
    void publishStartsOnlyTheKafkaEventEffectAndReadsTheEventsBack() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("publish",
                "--contracts", "../contracts", "--bootstrap", SharedKafka.bootstrapServers(),
                "--topic", "onex.evt.cli-publish-probe.v1", "--event-type", "CLI_PUBLISH_PROBE",
                "--payload", "{\"n\": 1}", "--count", "2", "--timeout", "20s");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("starting kafka_event_effect on cluster " + SharedKafka.bootstrapServers())
                .contains("] started");
        assertThat(out.toString()).contains("published 2/2 -> ").contains("2 of 2 events read back from ")
                .contains("\"event_type\":\"CLI_PUBLISH_PROBE\"");
    }
}
