package io.onex.nodes.orchestrator;

import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.Durations;
import io.onex.runtime.cli.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onex stamp FILE|DIR...}: starts the contracts' nodes (bridge_orchestrator and its step nodes among them),
 * stamps every file given (folders: every file under them) concurrently, and prints one line per file.
 */
@Command(name = "stamp", description = "Stamp files through bridge_orchestrator (BLAKE3 hash, metadata stamp, events).")
final class StampCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "files, or folders whose files are stamped")
    List<Path> paths;

    @Option(names = "--namespace", defaultValue = "default", description = "namespace of the stamps (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--intelligence", description = "ask the intelligence service about each file")
    boolean intelligence;

    @Option(names = "--contracts", defaultValue = "contracts", description = "contract folder (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS, else an embedded broker)")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
            description = "give up on a file not stamped within this long (default: ${DEFAULT-VALUE})")
    String timeoutText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration timeout = Durations.parse(timeoutText, "--timeout");
        List<Path> files = files(paths);
        Progress progress = new Progress(spec.commandLine().getErr());
        OnexRuntime.Builder builder = OnexRuntime.builder().contracts(contracts).httpPort(-1);
        if (bootstrap != null) {
            builder.bootstrapServers(bootstrap);
        }
        int failed = 0;
        long stampingNanos;
        try (OnexRuntime runtime = builder.build()) {
            progress.line("starting %d node(s) on %s ...", runtime.contracts().size(), Progress.cluster(bootstrap));
            runtime.start();
            progress.line("started; stamping %d file(s) ...", files.size());
            long t0 = System.nanoTime();
            StampClient client = StampClient.of(runtime);
            List<CompletableFuture<StampResult>> calls = new ArrayList<>();
            for (Path f : files) {
                calls.add(client.stampFile(f, namespace, intelligence).toCompletableFuture());
            }
            for (int i = 0; i < files.size(); i++) {
                StampResult r;
                try {
                    r = calls.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    failed++;
                    out.printf("failed     %s: %s%n", files.get(i), e.getCause() == null ? e : e.getCause().getMessage());
                    continue;
                }
                if (!r.completed()) {
                    failed++;
                    out.printf("failed     %s: %s%n", r.fileName(), r.error());
                    continue;
                }
                out.printf("stamped    %s  blake3=%s  stamp_id=%s  %d bytes  %s  intelligence=%s%n", r.fileName(),
                        r.fileHash(), r.stampId(), r.fileSizeBytes(), r.contentType(), r.intelligenceStatus());
            }
            stampingNanos = System.nanoTime() - t0;
        }
        out.printf("%d of %d files stamped in namespace %s in %d ms%n", files.size() - failed, files.size(), namespace,
                stampingNanos / 1_000_000);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("FILE|DIR: " + p + " is neither a readable file nor a folder");
            }
        }
        return files;
    }
}
