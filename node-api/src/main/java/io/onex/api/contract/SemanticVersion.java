package io.onex.api.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH} with an optional pre-release tag.
 *
 * @param major major
 * @param minor minor
 * @param patch patch
 * @param preRelease pre-release tag without the dash, or empty
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

    private static final Pattern FORM = Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?");

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0");
        }
        preRelease = preRelease == null ? "" : preRelease;
    }

    /**
     * Parses {@code 1.2.3} or {@code 1.2.3-rc.1} (a leading {@code v} is accepted).
     *
     * @param text the version text
     * @return the version
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static SemanticVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a semantic version MAJOR.MINOR.PATCH (e.g. 1.0.0), but was '" + text + "'");
        }
        return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4));
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0 && !preRelease.equals(o.preRelease)) {
            if (preRelease.isEmpty()) return 1;
            if (o.preRelease.isEmpty()) return -1;
            c = preRelease.compareTo(o.preRelease);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
