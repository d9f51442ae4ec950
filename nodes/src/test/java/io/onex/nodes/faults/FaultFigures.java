package io.onex.nodes.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scenario's figures as one {@code key=value} line, printed (the test's output file) and appended to
 * {@code target/faults/figures.txt} so that a run's figures can be collected in one place.
 */
public final class FaultFigures {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private FaultFigures(String scenario) {
        values.put("scenario", scenario);
    }

    public static FaultFigures of(String scenario) {
        return new FaultFigures(scenario);
    }

    public FaultFigures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Prints {@code FAULT scenario=... key=value ...}; returns the line. */
    public String print() {
        String line = "FAULT " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        System.out.println(line);
        try {
            Path file = Path.of("target", "faults", "figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }
}
