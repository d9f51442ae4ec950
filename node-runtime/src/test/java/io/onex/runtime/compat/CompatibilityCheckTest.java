package io.onex.runtime.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per kind of change under {@code src/test/resources/compat/<case>/{old,new}}, each a small project
 * (contracts, workflows, payload schemas under src/main/resources); what {@code onex compat} reports for it is pinned
 * in {@code expected.txt}. Regenerate the expected files after a deliberate change of wording with
 * {@code -Donex.regenerate=true} and read the diff.
 */
class CompatibilityCheckTest {

    private static final Path CASES = Path.of("src/test/resources/compat");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> listing = Files.list(CASES)) {
            return listing.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedChanges(String name) throws IOException {
        Path dir = CASES.resolve(name);
        CompatibilityReport report = new CompatibilityCheck(Map.of()).compare(dir.resolve("old"), dir.resolve("new"));

        String actual = report.changes().stream().map(Change::toString)
                .map(line -> line.replace(dir + "/", ""))
                .collect(Collectors.joining("\n", "", "\n"));
        Path expected = dir.resolve("expected.txt");
        if (Boolean.getBoolean("onex.regenerate")) {
            Files.writeString(expected, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    @Test
    void everyFixtureButTheCompatibleOneBreaksSomething() throws IOException {
        for (String name : cases().toList()) {
            Path dir = CASES.resolve(name);
            CompatibilityReport report = new CompatibilityCheck(Map.of()).compare(dir.resolve("old"), dir.resolve("new"));

            assertThat(report.isCompatible()).as(name).isEqualTo(name.equals("compatible"));
        }
    }

    @Test
    void aVersionComparedWithItselfHasNoChanges() {
        Path project = CASES.resolve("compatible/old");

        CompatibilityReport report = new CompatibilityCheck(Map.of()).compare(project, project);

        assertThat(report.changes()).isEmpty();
        assertThat(report.compared()).isEqualTo(new CompatibilityReport.Compared(1, 1, 1));
    }

    @Test
    void theShippedContractsAreCompatibleWithThemselvesAndTheirSchemasAreFound() {
        Path repository = Path.of("..").toAbsolutePath().normalize();

        CompatibilityReport report = new CompatibilityCheck(Map.of()).compare(repository, repository);

        assertThat(report.changes()).isEmpty();
        assertThat(report.compared().contracts()).isGreaterThanOrEqualTo(12);
        assertThat(report.compared().payloadSchemas()).isEqualTo(7);
    }

    @Test
    void aSideWithInvalidContractsIsReportedWithTheLoadersLocatedProblems() {
        Path bad = Path.of("src/test/resources/contracts/bad/several_problems.yaml");

        assertThatThrownBy(() -> new CompatibilityCheck(Map.of()).compare(CASES.resolve("compatible/old"), bad))
                .isInstanceOf(CompatibilityInputException.class)
                .hasMessageStartingWith("the new version's contracts are invalid:\n6 errors in " + bad + ":");
    }

    @Test
    void aFolderWithoutContractsOrWorkflowsIsRefusedSayingWhatWasExpected() {
        Path empty = CASES.resolve("compatible/old/src");

        assertThatThrownBy(() -> new CompatibilityCheck(Map.of()).compare(empty, empty))
                .isInstanceOf(CompatibilityInputException.class)
                .hasMessage(empty + ": no contracts or workflows (*.yaml) found (the old version); expected a project "
                        + "folder with contracts/ or workflows/, a folder of YAML files, or one file");
    }
}
