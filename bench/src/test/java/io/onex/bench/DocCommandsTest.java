package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a page marks the commands {@link DocsCommandsIT} runs, and what it checks of their output. */
class DocCommandsTest {

    @TempDir
    Path dir;

    @Test
    void onlyDollarLinesOfConsoleBlocksAreCommandsWithTheOutputAndExitCodeShownAfterThem() throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, """
                # A page
                ```sh
                $ ./onex serve
                ```
                ```console
                $ ./onex validate contracts/x.yaml
                ok   contracts/x.yaml  (x ..., effect)

                $ ./onex run workflows/w.yaml \\
                    --input '{"name": "Ada"}'
                ...
                # exit code 1
                ```
                ```
                $ ./onex tail t
                ```
                """);

        List<DocCommands.Command> commands = DocCommands.read(page).commands();

        assertThat(commands).extracting(DocCommands.Command::line).containsExactly(6, 9);
        assertThat(commands.get(0).words()).containsExactly("./onex", "validate", "contracts/x.yaml");
        assertThat(commands.get(0).shownOutput()).containsExactly("ok   contracts/x.yaml  (x ..., effect)");
        assertThat(commands.get(0).exitCode()).isZero();
        assertThat(commands.get(1).words()).containsExactly("./onex", "run", "workflows/w.yaml", "--input",
                "{\"name\": \"Ada\"}");
        assertThat(commands.get(1).shownOutput()).isEmpty();
        assertThat(commands.get(1).exitCode()).isEqualTo(1);
    }

    @Test
    void wordsAreSplitAsAShellSplitsThemAndShellSyntaxIsRefused() {
        assertThat(DocCommands.words("A=1 ./onex publish --payload \"{\\\"a\\\": 1}\" x\\ y", "p:1"))
                .containsExactly("A=1", "./onex", "publish", "--payload", "{\"a\": 1}", "x y");
        assertThatThrownBy(() -> DocCommands.words("./onex tail t | head", "page.md:3"))
                .hasMessage("page.md:3: '|' needs a shell; a ```console command is run without one (show it in a"
                        + " ```sh block instead)");
    }

    @Test
    void dotsInAShownLineStandForAnyText() {
        List<String> printed = List.of("  completed  greet (101 ms)", "workflow_id=abc");

        assertThat(DocCommands.shown("completed  greet (... ms)", printed)).isTrue();
        assertThat(DocCommands.shown("completed  stamp (... ms)", printed)).isFalse();
        assertThat(DocCommands.shown("workflow_id=...", printed)).isTrue();
    }
}
