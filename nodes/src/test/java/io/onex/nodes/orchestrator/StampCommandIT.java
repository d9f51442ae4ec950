package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.cli.OnexCli;
import io.onex.runtime.testing.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code onex stamp} end to end: found through the CliExtension ServiceLoader seam, stamps a folder's files. */
class StampCommandIT {

    @Test
    void stampsEveryFileOfAFolderAndPrintsItsHash() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("stamp",
                "--contracts", "../contracts", "--bootstrap", SharedKafka.bootstrapServers(), "--namespace", "it",
                "../workflows");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("stamped    ../workflows/metadata_stamping.yaml  blake3=")
                .contains("application/yaml  intelligence=not_requested")
                .containsPattern("(\\d+) of \\1 files stamped in namespace it in \\d+ ms");
    }
}
