package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in JSON Schema and contract reference are what {@link ContractTable} writes. After changing the table,
 * rewrite both with
 * {@code mvn -B -o -q -pl node-runtime -am test -Dtest=ContractTableFilesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Donex.regenerate=true}.
 */
class ContractTableFilesTest {

    static final Path SCHEMA = Path.of("src/main/resources" + ContractSchema.RESOURCE);
    static final Path REFERENCE = Path.of("../docs/contract-reference.md");
    private static final String REGENERATE = "onex.regenerate";
    private static final String HOW = "; regenerate with mvn -B -o -q -pl node-runtime -am test "
            + "-Dtest=ContractTableFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Donex.regenerate=true";

    @Test
    void checkedInSchemaIsTheOneTheTableWrites() throws IOException {
        assertCurrent(SCHEMA, ContractTable.jsonSchema());
    }

    @Test
    void contractReferenceIsTheOneTheTableWrites() throws IOException {
        assertCurrent(REFERENCE, ContractTable.markdown());
    }

    private static void assertCurrent(Path file, String generated) throws IOException {
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as(file + " is missing" + HOW).isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file + " is out of date" + HOW)
                .isEqualTo(generated);
    }
}
