package io.onex.runtime.ops;

import java.util.Optional;

/**
 * What a replay did (or, dry, would do).
 *
 * @param replayed letters re-published (dry run: that would be)
 * @param parked letters replayed {@code --max-replays} times already, left alone
 * @param filteredOut letters the {@code --where} condition left out
 * @param unreplayable letters without an original to publish (not a dead letter of the runtime, no original topic,
 *     or an original too large to have been kept)
 * @param failed letters whose send failed; the replay stops at the first, and a rerun resumes from it
 * @param failure why the first send failed
 * @param remaining letters up to the end the topic had when the replay began, not looked at (limit, interruption,
 *     failure)
 */
public record ReplayReport(long replayed, long parked, long filteredOut, long unreplayable, long failed,
        Optional<String> failure, long remaining) {

    /** The one-line summary the verb prints. */
    public String summary(boolean dryRun) {
        return String.format("%s %d, parked %d, filtered out %d, unreplayable %d, failed %d, remaining %d",
                dryRun ? "would replay" : "replayed", replayed, parked, filteredOut, unreplayable, failed, remaining);
    }
}
