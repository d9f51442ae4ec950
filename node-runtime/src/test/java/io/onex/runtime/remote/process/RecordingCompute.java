package io.onex.runtime.remote.process;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Answers {@code {"call": id}} with the same map, after appending the id to its instance's executions file (one line
 * per execution; the OS keeps what was written when the JVM is killed), so the test can count executions per call.
 */
public final class RecordingCompute implements ComputeNode<Map<String, Object>, Map<String, Object>> {

    /** Set by {@link ServingMember} before the runtime starts. */
    static volatile Path executions;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        try {
            synchronized (RecordingCompute.class) {
                Files.writeString(executions, input.get("call") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("call", input.get("call"));
    }
}
