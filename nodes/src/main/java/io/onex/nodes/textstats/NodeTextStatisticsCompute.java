package io.onex.nodes.textstats;

import io.onex.api.ComputeNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a document: words, sentences, capitalised words as entities and their co-occurrence in a sentence as
 * relationships. Pure and in-process, so workflows (and the workflow benchmark) have a real compute step that needs
 * no external service.
 */
public final class NodeTextStatisticsCompute implements ComputeNode<TextStatisticsInput, TextStatistics> {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");

    @Override
    public Class<TextStatisticsInput> inputType() {
        return TextStatisticsInput.class;
    }

    @Override
    public TextStatistics compute(TextStatisticsInput input, NodeContext context) {
        if (input.text() == null) {
            throw new InvalidInputException("text: required, expected the document's text");
        }
        int words = 0;
        int sentences = 0;
        Set<String> entities = new LinkedHashSet<>();
        Set<String> relationships = new LinkedHashSet<>();
        Matcher s = SENTENCE.matcher(input.text());
        while (s.find()) {
            List<String> inSentence = new ArrayList<>();
            Matcher w = WORD.matcher(s.group());
            boolean first = true;
            while (w.find()) {
                words++;
                String word = w.group();
                if (!first && Character.isUpperCase(word.charAt(0))) {
                    entities.add(word);
                    if (!inSentence.contains(word)) {
                        inSentence.add(word);
                    }
                }
                first = false;
            }
            if (!first) {
                sentences++;
            }
            for (int i = 0; i < inSentence.size(); i++) {
                for (int j = i + 1; j < inSentence.size(); j++) {
                    relationships.add(inSentence.get(i) + "-" + inSentence.get(j));
                }
            }
        }
        return new TextStatistics(input.documentId(), words, sentences, List.copyOf(entities), List.copyOf(relationships));
    }
}
