package io.onex.runtime.contract;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.internal.ConsumerGroupFallback;
import io.onex.runtime.contract.internal.ContractBinder;
import io.onex.runtime.yaml.FileProblem;
import io.onex.runtime.yaml.FileProblems;
import io.onex.runtime.yaml.YamlNode;
import io.onex.runtime.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads node contracts from YAML and validates them completely: unknown keys, missing keys, types, ranges,
 * durations, enums, topic names, {@code ${env:NAME}} / {@code ${env:NAME:-default}} references and the rules
 * between fields. Every problem of every file is collected and thrown together, each located at
 * {@code file:line:column: field.path}; nothing is loaded unless everything is valid.
 *
 * <pre>{@code
 * ContractLoader loader = new ContractLoader(System.getenv());
 * List<NodeContract> contracts = loader.loadAll(Path.of("contracts"));
 * }</pre>
 *
 * <p>Consumer keys left out of a contract fall back to the runtime's environment variables before their defaults
 * ({@code KAFKA_MAX_POLL_RECORDS}, {@code KAFKA_AUTO_OFFSET_RESET}, and {@code KAFKA_CONSUMER_GROUP} for the one
 * subscribing contract without a group among those loaded by one call; see {@link ContractTable}).
 *
 * <p>The environment is a constructor argument, never read from the process, so callers and tests control it.
 * Instances are immutable and thread-safe.
 */
public final class ContractLoader {

    private final Map<String, String> environment;
    private final ConsumerGroupFallback consumerGroups;

    /**
     * @param environment the variables {@code ${env:...}} references resolve against (usually
     *     {@code System.getenv()})
     */
    public ContractLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.consumerGroups = new ConsumerGroupFallback(this.environment);
    }

    /**
     * Loads one contract file.
     *
     * @param file the file; named in problems as given
     * @return the contract, its {@code source} set to {@code file}
     * @throws ContractValidationException with every problem of the file
     */
    public NodeContract load(Path file) throws ContractValidationException {
        return loadAll(List.of(file)).get(0);
    }

    /**
     * Loads a file, or every {@code *.yaml} and {@code *.yml} file directly in a folder, sorted by file name.
     *
     * @param fileOrFolder a contract file or a folder of them
     * @return the contracts, in file-name order (empty for a folder without contract files)
     * @throws ContractValidationException with every problem of every file, and contract names declared twice
     */
    public List<NodeContract> loadAll(Path fileOrFolder) throws ContractValidationException {
        if (!Files.isDirectory(fileOrFolder)) {
            return loadAll(List.of(fileOrFolder));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(fileOrFolder)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ContractValidationException(List.of(new FileProblem(fileOrFolder, 0, 0, "",
                    "cannot list the folder: " + e)));
        }
        return loadAll(files);
    }

    /**
     * Loads the given files, in the given order.
     *
     * @param files contract files
     * @return the contracts, in the same order
     * @throws ContractValidationException with every problem of every file, and contract names declared twice
     */
    public List<NodeContract> loadAll(Collection<Path> files) throws ContractValidationException {
        List<FileProblem> problems = new ArrayList<>();
        List<ContractBinder.Bound> bound = new ArrayList<>();
        for (Path file : files) {
            FileProblems fileProblems = new FileProblems(file);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new FileProblem(file, 0, 0, "", "cannot read the file: " + e));
                continue;
            }
            bind(text, fileProblems).ifPresent(bound::add);
            checkDuplicateName(bound, fileProblems);
            problems.addAll(fileProblems.list());
        }
        if (problems.isEmpty()) {
            bound = consumerGroups.apply(bound, problems);
        }
        if (!problems.isEmpty()) {
            throw new ContractValidationException(problems);
        }
        return bound.stream().map(ContractBinder.Bound::contract).toList();
    }

    /**
     * Parses contract text that does not come from a file (tests, services that embed their contract).
     *
     * @param yaml the contract
     * @param sourceName the name used in problems and as the contract's {@code source}
     * @return the contract
     * @throws ContractValidationException with every problem
     */
    public NodeContract parse(String yaml, Path sourceName) throws ContractValidationException {
        FileProblems problems = new FileProblems(sourceName);
        Optional<ContractBinder.Bound> bound = bind(yaml, problems);
        List<ContractBinder.Bound> grouped = problems.isEmpty()
                ? consumerGroups.apply(List.of(bound.orElseThrow()), problems.list()) : List.of();
        if (!problems.isEmpty()) {
            throw new ContractValidationException(problems.list());
        }
        return grouped.get(0).contract();
    }

    private Optional<ContractBinder.Bound> bind(String yaml, FileProblems problems) {
        Optional<YamlNode> root = new YamlTreeReader(problems.file(), problems.list()).read(yaml);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(YamlNode.Mark.START, "", "the file is empty, expected a contract with at least "
                        + "name, version, node_type and implementation");
            }
            return Optional.empty();
        }
        Optional<ContractBinder.Bound> bound = new ContractBinder(environment).bind(root.get(), problems);
        return problems.isEmpty() ? bound : Optional.empty();
    }

    /** A name declared by an earlier file is reported at the later file's {@code name}. */
    private static void checkDuplicateName(List<ContractBinder.Bound> bound, FileProblems problems) {
        if (bound.isEmpty() || !problems.isEmpty()) {
            return;
        }
        ContractBinder.Bound latest = bound.get(bound.size() - 1);
        Map<String, ContractBinder.Bound> earlier = new HashMap<>();
        for (ContractBinder.Bound b : bound.subList(0, bound.size() - 1)) {
            earlier.putIfAbsent(b.contract().name(), b);
        }
        ContractBinder.Bound first = earlier.get(latest.contract().name());
        if (first != null) {
            problems.add(latest.nameMark(), "name", "duplicate contract name '" + latest.contract().name()
                    + "', already declared in " + first.contract().source().orElseThrow() + ":"
                    + first.nameMark().line() + "; expected names unique within a folder");
        }
    }
}
