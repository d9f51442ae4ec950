package io.onex.runtime.cli;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.NodeClasses;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onex validate FILE...}: checks contracts (and their implementation classes); exit 1 on any problem. */
@Command(name = "validate", description = "Validate contract files or folders; print every problem with file:line:column.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "contract files (*.yaml) or folders of them")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ContractLoader loader = new ContractLoader(System.getenv());
        List<String> problems = new ArrayList<>();
        int ok = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                problems.add(file + ": no such file or folder");
                continue;
            }
            List<NodeContract> loaded;
            try {
                loaded = loader.loadAll(file);
            } catch (ContractValidationException e) {
                problems.add(e.getMessage());
                continue;
            }
            List<String> classProblems = new ArrayList<>();
            NodeClasses.resolve(loaded, Thread.currentThread().getContextClassLoader(), classProblems);
            problems.addAll(classProblems);
            if (classProblems.isEmpty()) {
                for (NodeContract c : loaded) {
                    spec.commandLine().getOut().printf("ok   %s  (%s %s, %s)%n", c.source().map(Path::toString).orElse(file.toString()),
                            c.name(), c.version(), c.nodeType().wireName());
                    ok++;
                }
            }
        }
        for (String p : problems) {
            spec.commandLine().getErr().println(p);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return problems.isEmpty() && ok > 0 ? 0 : 1;
    }
}
