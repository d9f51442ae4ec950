package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code onex} takes the user's node classes from, and against which folder their paths resolve. */
class UserClasspathTest {

    @TempDir
    Path project;

    @Test
    void relativeEntriesResolveAgainstTheCurrentFolderAndDirStarIsEveryJarInIt() throws Exception {
        Files.createDirectories(project.resolve("build/classes"));
        Files.createDirectories(project.resolve("libs"));
        Files.writeString(project.resolve("libs/b.jar"), "");
        Files.writeString(project.resolve("libs/a.jar"), "");
        Files.writeString(project.resolve("libs/notes.txt"), "");

        assertThat(UserClasspath.entries("build/classes" + File.pathSeparator + "libs/*", Map.of(), project))
                .containsExactly(project.resolve("build/classes"), project.resolve("libs/a.jar"),
                        project.resolve("libs/b.jar"));
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheMavenProjectsClasses() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.createDirectories(project.resolve("target/classes"));
        Files.createDirectories(project.resolve("from-option"));
        Files.createDirectories(project.resolve("from-env"));
        Map<String, String> env = Map.of("ONEX_CLASSPATH", "from-env");

        assertThat(UserClasspath.entries("from-option", env, project)).containsExactly(project.resolve("from-option"));
        assertThat(UserClasspath.entries(null, env, project)).containsExactly(project.resolve("from-env"));
        assertThat(UserClasspath.entries(null, Map.of(), project)).containsExactly(project.resolve("target/classes"));
    }

    @Test
    void withoutAPomBesideItTargetClassesIsNotTaken() throws Exception {
        Files.createDirectories(project.resolve("target/classes"));

        assertThat(UserClasspath.entries(null, Map.of(), project)).isEmpty();
    }

    @Test
    void anEntryThatDoesNotExistIsNamedWithTheSettingThatGaveIt() {
        assertThatThrownBy(() -> UserClasspath.entries(null, Map.of("ONEX_CLASSPATH", "missing"), project))
                .hasMessage("ONEX_CLASSPATH: no such file or folder: " + project.resolve("missing")
                        + " (relative entries resolve against the current folder, " + project + ")");
    }
}
