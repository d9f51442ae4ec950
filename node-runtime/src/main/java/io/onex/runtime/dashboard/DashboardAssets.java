package io.onex.runtime.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The pages' static files, from this jar ({@code io/onex/runtime/dashboard/}) and from the uPlot WebJar on the
 * classpath: a fixed list of names, so that no request path ever reaches the class loader as it was typed.
 */
final class DashboardAssets {

    /**
     * One file.
     *
     * @param contentType its content type
     * @param bytes its content
     */
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String OWN = "io/onex/runtime/dashboard/";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private final Map<String, String[]> byPath;

    DashboardAssets() {
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion("org.webjars.npm", "uplot") + "/dist/";
        byPath = Map.of(
                "/dashboard/", new String[] {OWN + "index.html", "text/html; charset=utf-8"},
                "/dashboard/core.js", new String[] {OWN + "core.js", JS},
                "/dashboard/nodes.js", new String[] {OWN + "nodes.js", JS},
                "/dashboard/groups.js", new String[] {OWN + "groups.js", JS},
                "/dashboard/dlq.js", new String[] {OWN + "dlq.js", JS},
                "/dashboard/runs.js", new String[] {OWN + "runs.js", JS},
                "/dashboard/dashboard.css", new String[] {OWN + "dashboard.css", CSS},
                "/dashboard/vendor/uPlot.iife.min.js", new String[] {uplot + "uPlot.iife.min.js", JS},
                "/dashboard/vendor/uPlot.min.css", new String[] {uplot + "uPlot.min.css", CSS});
    }

    /** The file served at this path, if any. */
    Optional<Asset> find(String path) {
        String[] entry = byPath.get(path);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(entry[0])) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Asset(entry[1], in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry[0], e);
        }
    }

    /** The version of a WebJar on the classpath, from its Maven metadata (so a version bump needs no code change). */
    private static String webjarVersion(String groupId, String artifactId) {
        String pom = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                return "missing";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }
}
