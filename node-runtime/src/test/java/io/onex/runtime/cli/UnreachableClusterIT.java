package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeStartupException;
import io.onex.runtime.it.CapturedLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every verb that needs a cluster fails fast, naming the address, when nothing listens there (exit 3); none starts
 * a broker. {@code serve} waits when told to; an embedded runtime fails its start the same way.
 */
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

    static Stream<Arguments> runtimeVerbs() {
        return Stream.of(new String[] {"serve", "--contracts", "src/test/resources/it-contracts", "--http-port", "-1"},
                new String[] {"run", "--contracts", "src/test/resources/step-invoker-contracts",
                        "src/test/resources/workflows/double.yaml", "--input", "{\"n\": 2}"})
                .map(verb -> Arguments.of((Object) verb));
    }

    @ParameterizedTest
    @MethodSource("runtimeVerbs")
    void serveAndRunAtAClosedPortExitThreeWithinSecondsNamingTheAddressInsteadOfStarting(String[] verb) {
        String[] args = Stream.concat(Stream.of(verb), Stream.of("--bootstrap", "127.0.0.1:1")).toArray(String[]::new);
        long t0 = System.nanoTime();

        OperatorVerbs.Result r = OperatorVerbs.run(args);

        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).endsWith("error: cannot reach the cluster at 127.0.0.1:1 within 5 s: is a broker running"
                + " there? (`onex broker` starts one)\n");
        assertThat(r.out()).doesNotContain("started", "bootstrap=", "running workflow");
        assertThat(seconds).isLessThan(10);
    }

    @ParameterizedTest
    @MethodSource("runtimeVerbs")
    void serveAndRunSayAFailedStartOnceOnTheirErrorLineWithoutLoggingItToo(String[] verb) {
        String[] args = Stream.concat(Stream.of(verb), Stream.of("--bootstrap", "127.0.0.1:1")).toArray(String[]::new);
        OperatorVerbs.Result r;
        List<String> logged;

        try (CapturedLogs logs = new CapturedLogs()) {
            r = OperatorVerbs.run(args);
            logged = logs.lines();
        }

        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err().lines().filter(l -> l.contains("cannot reach the cluster"))).singleElement()
                .asString().startsWith("error: ");
        // the runtime throws the failure rather than also logging it: the operator read it twice more before
        assertThat(logged).noneMatch(l -> l.startsWith("ERROR"));
    }

    @Test
    void serveWaitsForTheBrokerAsLongAsToldSayingSoThenGivesUpNamingTheAddress() {
        long t0 = System.nanoTime();

        OperatorVerbs.Result r = OperatorVerbs.run("serve", "--contracts", "src/test/resources/it-contracts",
                "--http-port", "-1", "--bootstrap", "127.0.0.1:1", "--wait-for-broker", "7s");

        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).containsPattern("waiting for the cluster at 127\\.0\\.0\\.1:1 \\(\\d s left of"
                + " --wait-for-broker 7 s\\): cannot reach the cluster at 127\\.0\\.0\\.1:1 within 5 s")
                .endsWith("error: cannot reach the cluster at 127.0.0.1:1 within --wait-for-broker 7s: is a broker"
                        + " running there? (`onex broker` starts one)\n");
        assertThat(seconds).isBetween(6L, 12L);
    }

    @Test
    void anEmbeddedRuntimeFailsItsStartWithinSecondsNamingTheAddress() {
        OnexRuntime runtime = OnexRuntime.builder().contracts(Path.of("src/test/resources/it-contracts"))
                .environment(Map.of()).bootstrapServers("127.0.0.1:1").httpPort(-1).build();
        long t0 = System.nanoTime();

        assertThatThrownBy(runtime::start).isInstanceOf(RuntimeStartupException.class)
                .hasMessage("cannot reach the cluster at 127.0.0.1:1 within 5 s: is a broker running there?"
                        + " (`onex broker` starts one)");

        assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(10);
    }

    @Test
    void withoutAClusterItSaysHowToGiveOneInsteadOfStartingABroker() {
        OperatorVerbs.Result r = OperatorVerbs.run("groups", "--bootstrap", " ");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no cluster to ask: give --bootstrap HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
    }
}
