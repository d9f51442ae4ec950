package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad {@code --where} is refused before any cluster is asked, with its located message and nothing else. */
class WhereOptionTest {

    static Stream<Arguments> verbs() {
        return Stream.of(new String[] {"tail", "some-topic"}, new String[] {"dlq", "show", "x.dlq"},
                new String[] {"dlq", "replay", "x.dlq"}).map(verb -> Arguments.of((Object) verb));
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void aConditionThatDoesNotParseIsAUsageErrorPrintingOnlyItsLocatedMessage(String[] verb) {
        // nothing listens at port 1: the expression is checked before the cluster is asked
        String[] args = Stream.concat(Stream.of(verb), Stream.of("--where", "event_type ==", "--bootstrap",
                "127.0.0.1:1")).toArray(String[]::new);

        OperatorVerbs.Result r = OperatorVerbs.run(args);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: --where: expression 'event_type ==' does not parse: mismatched input"
                + " '<EOF>'").contains("(at column 14 of the expression)").doesNotContain("Usage:");
        assertThat(r.err().lines()).hasSize(1);
    }
}
