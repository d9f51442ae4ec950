package io.onex.nodes.orchestrator;

import java.util.Locale;
import java.util.Map;

/** The short file type and a default MIME type from a file name's extension. */
final class FileTypes {

    static final String UNKNOWN = "unknown";
    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> MIME = Map.ofEntries(
            Map.entry("md", "text/markdown"), Map.entry("markdown", "text/markdown"),
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("csv", "text/csv"), Map.entry("java", "text/x-java-source"), Map.entry("py", "text/x-python"),
            Map.entry("js", "text/javascript"), Map.entry("ts", "text/x-typescript"), Map.entry("sh", "text/x-shellscript"),
            Map.entry("sql", "application/sql"), Map.entry("toml", "application/toml"),
            Map.entry("properties", "text/plain"), Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("svg", "image/svg+xml"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("jar", "application/java-archive"));

    private FileTypes() {
    }

    /** The extension in lower case ({@code README.md} gives {@code md}), or {@code unknown}. */
    static String fileType(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return UNKNOWN;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The MIME type of a file type, {@code application/octet-stream} when unknown. */
    static String contentType(String fileType) {
        return MIME.getOrDefault(fileType, OCTET_STREAM);
    }
}
