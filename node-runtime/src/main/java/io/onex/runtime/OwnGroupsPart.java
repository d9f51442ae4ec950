package io.onex.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the consumer groups of this runtime instance alone from the cluster when it closes (its private feeds', and
 * its nodes' with {@link OnexRuntime.Builder#privateNodeGroups}): no other process reads them and the next start
 * makes new ones, so left behind they would only pile up in {@code onex groups}. Closed after the consumers (it
 * starts before them), so the groups are empty by then.
 */
final class OwnGroupsPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(OwnGroupsPart.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SharedServicesPart shared;

    OwnGroupsPart(SharedServicesPart shared) {
        this.shared = shared;
    }

    @Override
    public String name() {
        return "own consumer groups";
    }

    @Override
    public void start() {
    }

    @Override
    public void close() {
        RuntimeServices services = shared.services();
        Set<String> groups = services == null ? Set.of() : services.consumers.ownGroups();
        if (groups.isEmpty()) {
            return;
        }
        try {
            services.admin.deleteConsumerGroups(groups).all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("deleted the consumer groups of this runtime: {}", groups);
        } catch (Exception e) {
            // left behind they are empty and hold no offsets: the coordinator removes them at its next clean-up
            log.debug("could not delete the consumer groups {}: {}", groups, e.toString());
        }
    }

    @Override
    public void abandon() {
        // a crashed process deletes nothing
    }
}
