package io.onex.runtime.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code onex dlq replay} is asked to do.
 *
 * @param dlqTopic the dead-letter topic read
 * @param destination the topic to publish to; empty: each letter's original topic
 * @param where the {@code --where} condition as written, or empty
 * @param limit the most records to replay in this run (0: no limit)
 * @param maxReplays a letter replayed this many times already is parked (left alone) unless forced
 * @param force replay parked letters too
 * @param dryRun send and commit nothing, only say what would be done
 */
public record ReplayOptions(String dlqTopic, Optional<String> destination, Optional<String> where, long limit,
        int maxReplays, boolean force, boolean dryRun) {

    /** The default of {@code --max-replays}. */
    public static final int DEFAULT_MAX_REPLAYS = 3;

    public ReplayOptions {
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be greater than or equal to 0, but was " + limit);
        }
        if (maxReplays < 1) {
            throw new IllegalArgumentException("--max-replays must be greater than or equal to 1, but was "
                    + maxReplays);
        }
    }

    /**
     * The consumer group whose committed offsets hold this replay's progress: {@code onex-dlq-replay.<dlq topic>},
     * then {@code .to.<destination>} when not the original topics, then a digest of the selection ({@code --where},
     * {@code --force}, {@code --max-replays}) when it is not the default. A rerun of the same command resumes where
     * the last stopped; a different selection is a replay of its own, from the start of the topic: records a
     * narrower selection passed over are never lost to a wider one.
     */
    public String groupId() {
        StringBuilder id = new StringBuilder("onex-dlq-replay.").append(dlqTopic);
        destination.ifPresent(d -> id.append(".to.").append(d));
        if (where.isPresent() || force || maxReplays != DEFAULT_MAX_REPLAYS) {
            id.append('.').append(digest(where.orElse("") + "\n" + force + "\n" + maxReplays));
        }
        return id.toString();
    }

    private static String digest(String selection) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(selection.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
