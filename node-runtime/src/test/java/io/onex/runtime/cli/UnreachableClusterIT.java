package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every operator verb fails fast, naming the address, when nothing listens there; none starts a broker. */
class UnreachableClusterIT {

    static Stream<Arguments> verbs() {
        return Stream.of(new String[] {"topics"}, new String[] {"groups"}, new String[] {"tail", "some-topic"},
                new String[] {"topics", "create", "--contracts", Path.of("src/test/resources/it-contracts").toString()},
                new String[] {"dlq", "list"}, new String[] {"dlq", "show", "x.dlq"},
                new String[] {"dlq", "replay", "x.dlq"})
                .map(verb -> Arguments.of((Object) verb));
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void aClosedPortExitsThreeWithinSecondsNamingTheAddress(String[] verb) {
        String[] args = Stream.concat(Stream.of(verb), Stream.of("--bootstrap", "127.0.0.1:1")).toArray(String[]::new);
        long t0 = System.nanoTime();

        OperatorVerbs.Result r = OperatorVerbs.run(args);

        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: cannot reach the cluster at 127.0.0.1:1 within 5 s: is a broker running"
                + " there? (`onex broker` starts one)\n");
        assertThat(r.out()).isEmpty();
        assertThat(seconds).isLessThan(10);
    }

    @Test
    void withoutAClusterItSaysHowToGiveOneInsteadOfStartingABroker() {
        OperatorVerbs.Result r = OperatorVerbs.run("groups", "--bootstrap", " ");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no cluster to ask: give --bootstrap HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
    }
}
