package io.onex.runtime.compat;

import io.onex.api.contract.SemanticVersion;
import java.util.List;
import java.util.Optional;

/**
 * A breaking change must raise the version: the major version from 1.0.0 on, the minor one before (SemVer's 0.x
 * rule). A version that goes down is a change of its own.
 */
final class VersionRule {

    private VersionRule() {
    }

    /**
     * The change the version deserves, if any.
     *
     * @param what "node 'x'" or "workflow 'y'", for the message
     * @param breaking the other changes of the same contract or workflow
     */
    static Optional<Change> check(String what, String oldText, String newText, YamlDocument newDoc,
            List<Change> breaking) {
        Optional<SemanticVersion> oldVersion = parse(oldText);
        Optional<SemanticVersion> newVersion = parse(newText);
        if (oldVersion.isEmpty() || newVersion.isEmpty()) {
            return Optional.empty();
        }
        SemanticVersion o = oldVersion.get();
        SemanticVersion n = newVersion.get();
        if (n.compareTo(o) < 0) {
            return Optional.of(Change.breaking(newDoc.file(), newDoc.markOf("version"), "version",
                    what + " goes down from " + o + " to " + n + "; expected " + o + " or later"));
        }
        if (breaking.isEmpty() || raisedForBreaking(o, n)) {
            return Optional.empty();
        }
        String expected = o.major() == 0 ? "0." + (o.minor() + 1) + ".0" : (o.major() + 1) + ".0.0";
        return Optional.of(Change.breaking(newDoc.file(), newDoc.markOf("version"), "version",
                what + " has " + breaking.size() + " breaking change" + (breaking.size() == 1 ? "" : "s")
                        + " but its version " + o + " -> " + n + " does not say so; expected " + expected
                        + " or later"));
    }

    private static boolean raisedForBreaking(SemanticVersion o, SemanticVersion n) {
        if (o.major() == 0) {
            return n.major() > 0 || n.minor() > o.minor();
        }
        return n.major() > o.major();
    }

    private static Optional<SemanticVersion> parse(String text) {
        try {
            return Optional.of(SemanticVersion.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
