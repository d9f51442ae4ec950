package io.onex.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable commands of a Markdown page: every line starting {@code $ } inside a fenced block opened with
 * {@code ```console}. The lines after a command, up to the next command or the block's end, are its shown output:
 * each must appear in what the command prints, where {@code ...} stands for any text (a time, an id); a line
 * {@code # exit code N} gives the expected exit code (0 when absent). A command line ending in {@code \} goes on on
 * the next line. Other fences ({@code ```sh}, {@code ```}, ...) are shown, never run.
 */
record DocCommands(Path page, List<Command> commands) {

    private static final String CONSOLE_FENCE = "```console";
    private static final Pattern EXIT_CODE = Pattern.compile("# exit code (\\d+)");

    /** One {@code $} line of a page: its words, the output lines the page shows for it, and its exit code. */
    record Command(Path page, int line, String text, List<String> words, List<String> shownOutput, int exitCode) {
        String title() {
            return page.getFileName() + ":" + line + " $ " + text;
        }
    }

    static DocCommands read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Command> commands = new ArrayList<>();
        boolean inConsole = false;
        boolean inOtherFence = false;
        Pending pending = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (inOtherFence) {
                inOtherFence = !trimmed.startsWith("```");
                continue;
            }
            if (!inConsole) {
                inConsole = trimmed.equals(CONSOLE_FENCE);
                inOtherFence = !inConsole && trimmed.startsWith("```");
                continue;
            }
            if (trimmed.equals("```")) {
                add(commands, pending);
                pending = null;
                inConsole = false;
            } else if (line.startsWith("$ ")) {
                add(commands, pending);
                StringBuilder text = new StringBuilder(line.substring(2).strip());
                int first = i + 1;
                while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                    text.setLength(text.length() - 1);
                    text.append(' ').append(lines.get(++i).strip());
                }
                pending = new Pending(page, first, text.toString());
            } else if (pending != null) {
                Matcher exit = EXIT_CODE.matcher(trimmed);
                if (exit.matches()) {
                    pending.exitCode = Integer.parseInt(exit.group(1));
                } else if (!trimmed.isEmpty() && !trimmed.equals("...")) {
                    pending.output.add(trimmed);
                }
            }
        }
        if (inConsole) {
            throw new IllegalStateException(page + ": a ```console block is not closed");
        }
        return new DocCommands(page, commands);
    }

    private static void add(List<Command> commands, Pending p) {
        if (p != null) {
            commands.add(new Command(p.page, p.line, p.text, words(p.text, p.page + ":" + p.line), List.copyOf(p.output),
                    p.exitCode));
        }
    }

    /** The words of a command line as a POSIX shell splits them: single and double quotes, backslash escapes. */
    static List<String> words(String text, String where) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else if ("|&;<>`".indexOf(c) >= 0) {
                    throw new IllegalArgumentException(where + ": '" + c + "' needs a shell; a ```console command is"
                            + " run without one (show it in a ```sh block instead)");
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(where + ": unclosed " + quote + " in: " + text);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Whether a shown output line (with {@code ...} for any text) appears among the printed lines. */
    static boolean shown(String expected, List<String> printed) {
        StringBuilder regex = new StringBuilder();
        for (String part : expected.split("\\.\\.\\.", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        Pattern pattern = Pattern.compile(regex.toString());
        return printed.stream().map(String::strip).anyMatch(l -> pattern.matcher(l).find());
    }

    private static final class Pending {
        final Path page;
        final int line;
        final String text;
        final List<String> output = new ArrayList<>();
        int exitCode;

        Pending(Path page, int line, String text) {
            this.page = page;
            this.line = line;
            this.text = text;
        }
    }
}
