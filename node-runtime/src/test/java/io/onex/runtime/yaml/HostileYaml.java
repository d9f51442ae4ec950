package io.onex.runtime.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile YAML text for the loaders' properties, and what every problem they report must look like. */
public final class HostileYaml {

    /** Tokens that have broken YAML readers: anchors, aliases, tags, flow collections, odd scalars, indentation. */
    static final List<String> TOKENS = List.of(":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
            "!!binary ", "!foo ", "|", ">", "'", "\"", "#", "? ", "%YAML 1.2\n", "---\n", "...\n", "\t", "  ", "\n",
            "<<: *a", "~", "null", "0x1F", "1e999999999", ".inf", "-.nan", "2001-12-14", "${", "${env:", "}",
            "${env:X:-", "\u0000", "\u00e9", "\ud83d\ude00", "\ufeff", "\r\n", "\u2028", "x".repeat(300));

    private HostileYaml() {
    }

    /** Text made of YAML's structural characters, tokens and letters. */
    public static Arbitrary<String> arbitraryText() {
        Arbitrary<String> chars = Arbitraries.strings().withChars(":-[]{},&*!|>'\"#?%@`~ \n\t ab1.$").ofMaxLength(8);
        return Arbitraries.oneOf(chars, Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(4))
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    /** A valid document with one to four line-level edits: lines deleted, doubled, re-indented, or tokens spliced in. */
    public static Arbitrary<String> mutationsOf(String valid) {
        List<String> lines = Arrays.asList(valid.split("\n", -1));
        Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.size() - 1);
        Arbitrary<Edit> edit = Arbitraries.oneOf(
                line.map(i -> (Edit) ls -> remove(ls, i)),
                line.map(i -> (Edit) ls -> duplicate(ls, i)),
                Combinators.combine(line, Arbitraries.integers().between(-4, 4))
                        .as((i, by) -> (Edit) ls -> indent(ls, i, by)),
                Combinators.combine(line, Arbitraries.integers().between(0, 60), Arbitraries.of(TOKENS))
                        .as((i, col, token) -> (Edit) ls -> splice(ls, i, col, token)));
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            List<String> out = new ArrayList<>(lines);
            for (Edit e : edits) {
                out = e.apply(out);
            }
            return String.join("\n", out);
        });
    }

    /**
     * What every problem a loader reports must be: at a line and column of the file, with a one-line message that
     * shows no Java internals.
     */
    public static void assertLocated(List<FileProblem> problems) {
        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.line()).as("line of %s", p).isPositive();
            assertThat(p.column()).as("column of %s", p).isPositive();
            assertThat(p.message()).doesNotContain("\n", "\tat ", "com.fasterxml", "org.yaml");
        });
    }

    private interface Edit {
        List<String> apply(List<String> lines);
    }

    private static List<String> remove(List<String> lines, int i) {
        List<String> out = new ArrayList<>(lines);
        if (i < out.size()) {
            out.remove(i);
        }
        return out;
    }

    private static List<String> duplicate(List<String> lines, int i) {
        List<String> out = new ArrayList<>(lines);
        if (i < out.size()) {
            out.add(i, out.get(i));
        }
        return out;
    }

    private static List<String> indent(List<String> lines, int i, int by) {
        List<String> out = new ArrayList<>(lines);
        if (i < out.size()) {
            String l = out.get(i);
            out.set(i, by >= 0 ? " ".repeat(by) + l : l.substring(Math.min(l.length(), -by)));
        }
        return out;
    }

    private static List<String> splice(List<String> lines, int i, int col, String token) {
        List<String> out = new ArrayList<>(lines);
        if (i < out.size()) {
            String l = out.get(i);
            int at = Math.min(col, l.length());
            out.set(i, l.substring(0, at) + token + l.substring(at));
        }
        return out;
    }
}
