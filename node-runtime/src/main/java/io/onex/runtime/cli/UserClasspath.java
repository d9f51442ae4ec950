package io.onex.runtime.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the user's node classes come from, for the verbs that load contracts (and so their implementation classes):
 * {@code --classpath}, else {@code ONEX_CLASSPATH}, else the {@code target/classes} of a Maven project in the current
 * folder (a {@code pom.xml} beside it), else nothing beyond ONEX's own classes. Entries are separated as on a
 * {@code java -cp} line ({@code :}, {@code ;} on Windows); relative ones resolve against the current folder, as every
 * path given to {@code onex} does; {@code DIR/*} is every jar in DIR.
 */
final class UserClasspath {
    static final String OPTION = "--classpath";
    static final String ENV = "ONEX_CLASSPATH";
    static final String DESCRIPTION = "the classes of your nodes: folders and jars separated by '" + File.pathSeparator
            + "', DIR/* for every jar in DIR (default: $" + ENV + ", else target/classes when the current folder"
            + " holds a pom.xml)";

    private UserClasspath() {
    }

    /**
     * The entries in effect, absolute, in order.
     *
     * @param option the {@code --classpath} value, or null when not given
     * @throws IllegalArgumentException naming the setting and the entry when a given entry does not exist
     */
    static List<Path> entries(String option, Map<String, String> env, Path currentFolder) {
        if (option != null) {
            return parse(option, OPTION, currentFolder);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv, ENV, currentFolder);
        }
        Path classes = currentFolder.resolve("target").resolve("classes");
        if (Files.isRegularFile(currentFolder.resolve("pom.xml")) && Files.isDirectory(classes)) {
            return List.of(classes.toAbsolutePath().normalize());
        }
        return List.of();
    }

    private static List<Path> parse(String value, String setting, Path currentFolder) {
        List<Path> entries = new ArrayList<>();
        for (String raw : value.split(File.pathSeparator)) {
            if (raw.isBlank()) {
                continue;
            }
            boolean everyJar = raw.endsWith("/*") || raw.endsWith(File.separator + "*");
            Path entry = currentFolder.resolve(everyJar ? raw.substring(0, raw.length() - 2) : raw)
                    .toAbsolutePath().normalize();
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException(setting + ": no such file or folder: " + entry
                        + " (relative entries resolve against the current folder, " + currentFolder.toAbsolutePath() + ")");
            }
            entries.addAll(everyJar ? jars(entry) : List.of(entry));
        }
        return entries;
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** A loader of the entries over {@code parent}: ONEX's own classes stay the parent's, so there is one copy of each. */
    static ClassLoader loader(List<Path> entries, ClassLoader parent) {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a classpath entry: " + entries.get(i), e);
            }
        }
        return new URLClassLoader("onex-user-classes", urls, parent);
    }
}
