package io.onex.runtime.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlTreeReaderLimitsTest {

    private static final Path FILE = Path.of("contracts/hostile.yaml");

    private final List<FileProblem> problems = new ArrayList<>();

    private Optional<YamlNode> read(String yaml) {
        return new YamlTreeReader(FILE, problems).read(yaml);
    }

    @Test
    void aBillionLaughsDocumentIsRefusedWithinASecondAtItsFirstAlias() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(", ", List.of(prev, prev, prev,
                    prev, prev, prev, prev, prev, prev))).append("]\n");
        }

        Optional<YamlNode> root = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> read(yaml.toString()));

        assertThat(root).isEmpty();
        assertThat(problems).extracting(FileProblem::toString).containsExactly("contracts/hostile.yaml:2:8: YAML alias "
                + "'*a' is not allowed: aliases can multiply a small file into gigabytes (\"billion laughs\"); "
                + "expected the value written out");
    }

    @Test
    void anAliasUsedAsAKeyIsRefused() {
        assertThat(read("a: &k x\n*k : y\n")).isEmpty();

        assertThat(problems).extracting(FileProblem::line, FileProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "YAML alias '*k' is not allowed: aliases can multiply a small "
                        + "file into gigabytes (\"billion laughs\"); expected the value written out"));
    }

    @Test
    void aMappingAsAKeyIsASyntaxErrorThatNamesNoParserClass() {
        assertThat(read("? {a: b}\n: c\n")).isEmpty();

        assertThat(problems).extracting(FileProblem::toString).containsExactly("contracts/hostile.yaml:1:4: YAML syntax "
                + "error: Expected a field name (Scalar value in YAML), got this instead: a mapping");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWhereItGoesTooDeep() {
        String yaml = "[".repeat(10_000) + "]".repeat(10_000);

        Optional<YamlNode> root = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> read(yaml));

        assertThat(root).isEmpty();
        assertThat(problems).extracting(FileProblem::toString).containsExactly("contracts/hostile.yaml:1:65: YAML "
                + "nesting is deeper than 64 levels here; expected at most 64 levels of mappings and lists");
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        assertThat(read("[".repeat(YamlTreeReader.MAX_DEPTH) + "x" + "]".repeat(YamlTreeReader.MAX_DEPTH))).isPresent();
        assertThat(problems).isEmpty();
    }

    @Test
    void aFileOverThreeMebibytesIsRefusedUnparsed() {
        String yaml = "a: '" + "x".repeat(YamlTreeReader.MAX_CODE_POINTS) + "'\n";

        assertThat(read(yaml)).isEmpty();

        assertThat(problems).extracting(FileProblem::toString).containsExactly("contracts/hostile.yaml:1:1: the file "
                + "has 3145734 characters, over the limit of 3145728 (3 MiB); expected a smaller file");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() {
        String yaml = "a: '" + "x".repeat(YamlTreeReader.MAX_CODE_POINTS - 6) + "'\n";

        assertThat(read(yaml)).isPresent();
        assertThat(problems).isEmpty();
    }
}
