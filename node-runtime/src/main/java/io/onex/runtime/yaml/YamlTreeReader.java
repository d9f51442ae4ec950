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
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML into a {@link YamlNode} tree, taking every position from the parser's token locations. Syntax errors
 * and duplicate keys become located problems.
 */
public final class YamlTreeReader {

    private static final YAMLFactory YAML = YAMLFactory.builder()
            // an empty plain value ("key:") is absent, not the empty string; "key: ''" stays a string
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            // YAML 1.2 booleans only: "yes", "no", "on", "off" stay strings, as JSON Schema tools read them
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

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
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() == null) {
                return Optional.empty();
            }
            YamlNode root = node(p);
            if (p.nextToken() != null) {
                Mark m = mark(p.currentTokenLocation());
                problems.add(new FileProblem(file, m.line(), m.column(), "",
                        "a contract file holds one YAML document, but a second one starts here"));
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new FileProblem(file, 0, 0, "", "cannot read YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser p) throws IOException {
        Mark mark = mark(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                List<YamlNode.Entry> entries = new ArrayList<>();
                Map<String, Mark> seen = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Mark keyMark = mark(p.currentTokenLocation());
                    p.nextToken();
                    YamlNode value = node(p);
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
                    items.add(node(p));
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

    private FileProblem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            String what = y.getProblem() == null ? "invalid YAML" : y.getProblem();
            String context = y.getContext() == null ? "" : " (" + y.getContext() + ")";
            return new FileProblem(file, y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1, "",
                    "YAML syntax error: " + what + context);
        }
        Mark m = mark(e.getLocation());
        return new FileProblem(file, m.line(), m.column(), "", "YAML syntax error: " + e.getOriginalMessage());
    }

    private static Mark mark(JsonLocation l) {
        if (l == null || l.getLineNr() < 1) {
            return Mark.START;
        }
        return new Mark(l.getLineNr(), Math.max(1, l.getColumnNr()));
    }
}
