package io.onex.runtime.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.yaml.YamlNode.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML into a {@link YamlNode} tree, taking every position from the parser's token locations. Syntax errors
 * and duplicate keys become located problems.
 *
 * <p>Contracts and workflows are small, hand-written files, so hostile ones are refused early, each with a located
 * problem: a file over {@value #MAX_CODE_POINTS} characters (3 MiB), nesting deeper than {@value #MAX_DEPTH} levels,
 * and any alias ({@code *name}): aliases are how a "billion laughs" document multiplies a few lines into gigabytes,
 * and nothing here needs them.
 */
public final class YamlTreeReader {

    /** The most characters (Unicode code points) a file may hold: 3 MiB. */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    /** The deepest nesting of mappings and lists a file may use. */
    public static final int MAX_DEPTH = 64;

    private static final LoaderOptions LIMITS = limits();
    private static final Pattern ALIAS_EVENT =
            Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.AliasEvent\\(anchor=([^)]*)\\)>");
    private static final Pattern EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\([^>]*\\)>");

    private static final YAMLFactory YAML = YAMLFactory.builder()
            // the parser's own limits, behind ours: they hold should a document slip past the checks below
            .loaderOptions(LIMITS)
            // an empty plain value ("key:") is absent, not the empty string; "key: ''" stays a string
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            // YAML 1.2 booleans only: "yes", "no", "on", "off" stay strings, as JSON Schema tools read them
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private static LoaderOptions limits() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS + 1);
        o.setNestingDepthLimit(MAX_DEPTH + 1);
        o.setMaxAliasesForCollections(0);
        o.setAllowRecursiveKeys(false);
        return o;
    }

    /** Unwinds the reading at the first limit exceeded: what follows is not worth reading. */
    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded() {
            super(null, null, false, false);
        }
    }

    private final Path file;
    private final List<FileProblem> problems;

    /**
     * @param file the source name used in problems
     * @param problems where problems are added
     */
    public YamlTreeReader(Path file, List<FileProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads one document.
     *
     * @param yaml the text
     * @return the root, or empty after a syntax error (already reported) or for an empty document
     */
    public Optional<YamlNode> read(String yaml) {
        if (yaml.length() > MAX_CODE_POINTS && yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            problems.add(new FileProblem(file, 1, 1, "", "the file has " + yaml.codePointCount(0, yaml.length())
                    + " characters, over the limit of " + MAX_CODE_POINTS + " (3 MiB); expected a smaller file"));
            return Optional.empty();
        }
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() == null) {
                return Optional.empty();
            }
            YamlNode root = node(p, 1);
            if (p.nextToken() != null) {
                Mark m = mark(p.currentTokenLocation());
                problems.add(new FileProblem(file, m.line(), m.column(), "",
                        "a contract file holds one YAML document, but a second one starts here"));
            }
            return Optional.of(root);
        } catch (LimitExceeded e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new FileProblem(file, 0, 0, "", "cannot read YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser p, int depth) throws IOException {
        Mark mark = mark(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        refuseAlias(p, mark);
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
            problems.add(new FileProblem(file, mark.line(), mark.column(), "", "YAML nesting is deeper than "
                    + MAX_DEPTH + " levels here; expected at most " + MAX_DEPTH + " levels of mappings and lists"));
            throw new LimitExceeded();
        }
        switch (t) {
            case START_OBJECT: {
                List<YamlNode.Entry> entries = new ArrayList<>();
                Map<String, Mark> seen = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Mark keyMark = mark(p.currentTokenLocation());
                    refuseAlias(p, keyMark);
                    p.nextToken();
                    YamlNode value = node(p, depth + 1);
                    Mark first = seen.putIfAbsent(key, keyMark);
                    if (first != null) {
                        problems.add(new FileProblem(file, keyMark.line(), keyMark.column(), "",
                                "duplicate key '" + key + "', already given at line " + first.line()
                                        + "; expected each key once"));
                    } else {
                        entries.add(new YamlNode.Entry(key, keyMark, value));
                    }
                }
                return new YamlNode.Mapping(entries, mark);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, depth + 1));
                }
                return new YamlNode.Sequence(items, mark);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.INT, mark);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.FLOAT, mark);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.BOOL, mark);
            case VALUE_NULL:
                return new YamlNode.Scalar(p.getText() == null ? "" : p.getText(), YamlNode.Kind.NULL, mark);
            default:
                return new YamlNode.Scalar(p.getText(), YamlNode.Kind.STRING, mark);
        }
    }

    private void refuseAlias(JsonParser p, Mark mark) throws IOException {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            problems.add(aliasProblem(p.getText(), mark));
            throw new LimitExceeded();
        }
    }

    private FileProblem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            String what = y.getProblem() == null ? "invalid YAML" : y.getProblem();
            String context = y.getContext() == null ? "" : " (" + y.getContext() + ")";
            return new FileProblem(file, y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1, "",
                    "YAML syntax error: " + what + context);
        }
        Mark m = mark(e.getLocation());
        String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        Matcher alias = ALIAS_EVENT.matcher(message);
        if (alias.find()) {
            return aliasProblem(alias.group(1), m);
        }
        // the parser names SnakeYAML's event classes ("got this instead: <org.yaml.snakeyaml.events.Mapping...>")
        return new FileProblem(file, m.line(), m.column(), "", "YAML syntax error: "
                + EVENT.matcher(message).replaceAll(r -> switch (r.group(1)) {
                    case "MappingStart" -> "a mapping";
                    case "SequenceStart" -> "a list";
                    default -> "a YAML " + r.group(1).toLowerCase(java.util.Locale.ROOT);
                }));
    }

    private FileProblem aliasProblem(String anchor, Mark mark) {
        return new FileProblem(file, mark.line(), mark.column(), "", "YAML alias '*" + anchor + "' is not allowed: "
                + "aliases can multiply a small file into gigabytes (\"billion laughs\"); "
                + "expected the value written out");
    }

    private static Mark mark(JsonLocation l) {
        if (l == null || l.getLineNr() < 1) {
            return Mark.START;
        }
        return new Mark(l.getLineNr(), Math.max(1, l.getColumnNr()));
    }
}
