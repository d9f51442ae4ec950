package io.onex.runtime.cli;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.kafka.ContractTopics;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.OpsTables;
import io.onex.runtime.ops.TopicInventory;
import io.onex.runtime.ops.TopicSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onex topics [PATTERN]} lists topics with partitions, retention and offsets; {@code onex topics create}. */
@Command(name = "topics", mixinStandardHelpOptions = true, subcommands = TopicsCommand.Create.class,
        description = "List the cluster's topics: partitions, retention, end offsets (sum over partitions) and"
                + " records held (sum of end - start offsets).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ClusterCommand.EXIT_OK, ClusterCommand.EXIT_USAGE,
                ClusterCommand.EXIT_UNREACHABLE})
final class TopicsCommand extends ClusterCommand {

    @Parameters(arity = "0..1", paramLabel = "PATTERN",
            description = "a glob (* and ?) or a part of the name; all topics when left out")
    String pattern;

    @Override
    int run(ClusterSession session) {
        List<TopicSummary> topics = new TopicInventory(session.admin()).list(pattern);
        PrintWriter out = spec.commandLine().getOut();
        out.print(OpsTables.topics(topics));
        out.printf("%d topic(s) on %s%n", topics.size(), session.servers());
        out.flush();
        return OK;
    }

    /** {@code onex topics create --contracts DIR}: the topics the contracts need, with the runtime's settings. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every topic the contracts declare (subscribe, publish, their .dlq"
            + " when dead letters are on, the registry topics) with the runtime's settings (KAFKA_TOPIC_PARTITIONS,"
            + " KAFKA_REPLICATION_FACTOR, KAFKA_COMPRESSION_TYPE; 7 days retention, dead-letter topics 1 partition"
            + " and 30 days); print which were created and which were already there.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ClusterCommand.EXIT_OK,
                    "1:a topic could not be created", ClusterCommand.EXIT_USAGE, ClusterCommand.EXIT_UNREACHABLE})
    static final class Create extends ClusterCommand {

        @Option(names = "--contracts", paramLabel = "DIR", required = true,
                description = "a contract file or a folder of them (*.yaml)")
        Path contracts;

        @Override
        void checkOptions() {
            if (!Files.exists(contracts)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--contracts: " + contracts + ": no such file or folder");
            }
        }

        @Override
        int run(ClusterSession session) {
            List<NodeContract> loaded;
            try {
                loaded = new ContractLoader(System.getenv()).loadAll(contracts);
            } catch (ContractValidationException e) {
                return fail(USAGE, e.getMessage());
            }
            Set<String> topics = ContractTopics.of(loaded, session.config());
            Set<String> before = new TopicInventory(session.admin()).existing(topics);
            new TopicProvisioner(session.admin(), session.config().topicPartitions(),
                    session.config().replicationFactor(), session.config().compressionType())
                    .withTopicSettings(ContractTopics.settings(loaded, session.config()))
                    .ensureTopics(topics, Duration.ofSeconds(30));
            PrintWriter out = spec.commandLine().getOut();
            int created = 0;
            for (String t : topics) {
                boolean existed = before.contains(t);
                created += existed ? 0 : 1;
                out.printf("%-8s %s%n", existed ? "exists" : "created", t);
            }
            out.printf("%d topic(s) for %d contract(s): %d created, %d already there%n", topics.size(),
                    loaded.size(), created, topics.size() - created);
            out.flush();
            return OK;
        }
    }
}
