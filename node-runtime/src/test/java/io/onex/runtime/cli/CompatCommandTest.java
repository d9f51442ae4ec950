package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CompatCommandTest {
    private static final String CASES = "src/test/resources/compat/";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void compatibleVersionsExitZeroListingTheCompatibleChanges() {
        int code = run("compat", CASES + "compatible/old", CASES + "compatible/new");

        assertThat(code).isZero();
        assertThat(out.toString()).contains(": compatible: optional payload field $.channel of topic "
                + "'orders.evt.order-created.v1' was added")
                .endsWith("compatible: 0 breaking, 5 compatible change(s); compared 1 contract(s), 1 workflow(s), "
                        + "1 payload schema(s)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBreakingChangeExitsOneWithTheChangeLocatedInTheNewFile() {
        int code = run("compat", "--breaking-only", CASES + "required-field-added/old", CASES + "required-field-added/new");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(CASES + "required-field-added/new/src/main/resources/schema/"
                + "order-created.v1.json:7:5: required: breaking: payload field $.currency of topic "
                + "'orders.evt.order-created.v1' is now required; events written without it are refused"
                + System.lineSeparator()
                + "NOT compatible: 1 breaking, 0 compatible change(s); compared 1 contract(s), 1 workflow(s), "
                + "1 payload schema(s)" + System.lineSeparator());
    }

    @Test
    void anUnreadableVersionExitsTwoNamingIt() {
        int code = run("compat", CASES + "compatible/old", "no/such/folder");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: no/such/folder: no such file or folder (the new version)"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }
}
