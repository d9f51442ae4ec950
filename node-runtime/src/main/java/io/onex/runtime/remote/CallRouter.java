package io.onex.runtime.remote;

import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides where a call goes: {@link Route#LOCAL} when the node runs in this runtime; {@link Route#REMOTE} when this
 * runtime's directory knows a live (active or suspect) instance of the node, by name or by capability (operation);
 * otherwise the call fails at once with a {@link NoLiveInstanceException} saying when an instance was last seen,
 * rather than waiting out a timeout. The liveness rules are the registry's ({@link NodeDirectory}).
 */
public final class CallRouter {

    /** Where a call goes. */
    public enum Route {
        /** To the node's pipeline in this runtime. */
        LOCAL,
        /** To the node's request topic, through the remote stub's pipeline. */
        REMOTE
    }

    private final Predicate<String> local;
    private final NodeDirectory directory;
    private final Clock clock;

    /**
     * @param local whether a node name is served by this runtime
     * @param directory this runtime's view of the network
     * @param clock measures how long ago an instance was last seen
     */
    public CallRouter(Predicate<String> local, NodeDirectory directory, Clock clock) {
        this.local = Objects.requireNonNull(local, "local");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Routes a call.
     *
     * @param nodeName the node's contract name (or an operation it offers)
     * @throws NoLiveInstanceException when neither this runtime nor a live instance serves it
     */
    public Route route(String nodeName) {
        if (local.test(nodeName)) {
            return Route.LOCAL;
        }
        if (!directory.findByName(nodeName).isEmpty() || !directory.findByCapability(nodeName).isEmpty()) {
            return Route.REMOTE;
        }
        throw new NoLiveInstanceException("no live instance of '" + nodeName + "' (" + lastSeen(nodeName) + ")");
    }

    /** The remote instance a call by capability reaches: the name of the node offering it. */
    public Optional<String> nodeNameFor(String nameOrCapability) {
        if (!directory.findByName(nameOrCapability).isEmpty()) {
            return Optional.of(nameOrCapability);
        }
        return directory.findByCapability(nameOrCapability).stream().map(NodeEntry::nodeName).findFirst();
    }

    private String lastSeen(String nodeName) {
        Optional<NodeEntry> latest = directory.all().stream()
                .filter(e -> e.nodeName().equals(nodeName) || e.operations().contains(nodeName))
                .max(Comparator.comparing(NodeEntry::lastSeen));
        if (latest.isEmpty()) {
            return "never seen";
        }
        NodeEntry e = latest.get();
        NodeStatus status = e.status();
        return "last seen " + age(Duration.between(e.lastSeen(), clock.instant())) + " ago, " + status.wireName();
    }

    /** A short age: 45s, 4m, 2h, 3d. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86400) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** The live instances of a node, for diagnostics. */
    public List<NodeEntry> liveInstances(String nodeName) {
        return directory.findByName(nodeName);
    }
}
