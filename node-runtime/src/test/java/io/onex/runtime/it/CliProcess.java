package io.onex.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code onex} in a JVM of its own with the environment given, as an operator's shell would: the verbs read
 * their settings from the process environment, which a test cannot change in its own JVM.
 */
final class CliProcess {
    record Result(int code, String out, String err) {
    }

    private CliProcess() {
    }

    static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classpath, "io.onex.runtime.cli.OnexCli"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("onex-cli-", ".out");
        Path err = Files.createTempFile("onex-cli-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("ONEX_"));
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("onex " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
