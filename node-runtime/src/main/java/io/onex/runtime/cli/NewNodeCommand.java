package io.onex.runtime.cli;

import io.onex.api.contract.NodeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onex new-node NAME}: writes a node's starting point, its contract, its class and a {@link
 * io.onex.runtime.testing.NodeTestKit} test, that validate, compile and pass as written. Nothing is overwritten.
 * In a folder without a {@code pom.xml} it writes a whole project: also a {@code pom.xml} importing
 * {@code io.onex:onex-bom} (this runtime's version) and a logging configuration, so {@code mvn verify} passes there;
 * in an existing project it adds only the node.
 */
@Command(name = "new-node", description = "Write a new node's contract, class and NodeTestKit test, ready to run.")
final class NewNodeCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    @Parameters(index = "0", paramLabel = "NAME", description = "the contract name, snake_case, e.g. greeting_effect")
    String name;

    @Option(names = "--type", defaultValue = "effect",
            description = "effect, compute, reducer or orchestrator (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--package", defaultValue = "com.example.nodes",
            description = "the Java package of the class (default: ${DEFAULT-VALUE})")
    String javaPackage;

    @Option(names = "--dir", defaultValue = ".",
            description = "the project folder: contracts/, src/main/java/ and src/test/java/ are under it"
                    + " (default: the current folder)")
    Path dir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add("NAME must be snake_case like greeting_effect ([a-z][a-z0-9_]*), but was '" + name + "'");
        }
        NodeType nodeType = null;
        try {
            nodeType = NodeType.fromWire(type.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--type must be effect, compute, reducer or orchestrator, but was '" + type + "'");
        }
        if (!PACKAGE.matcher(javaPackage).matches()) {
            problems.add("--package must be a Java package name like com.example.nodes, but was '" + javaPackage + "'");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        String className = className(name);
        Path packageDir = Path.of(javaPackage.replace('.', '/'));
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve("contracts").resolve(name + ".yaml"), contract(nodeType, className));
        files.put(dir.resolve("src/main/java").resolve(packageDir).resolve(className + ".java"), node(nodeType, className));
        files.put(dir.resolve("src/test/java").resolve(packageDir).resolve(className + "Test.java"),
                test(nodeType, className));
        boolean newProject = !Files.exists(dir.resolve("pom.xml"));
        if (newProject) {
            files.put(dir.resolve("pom.xml"), pom());
            files.put(dir.resolve("src/main/resources/log4j2.xml"), resource("/onex-log4j2.xml"));
        }
        List<Path> existing = files.keySet().stream().filter(Files::exists).toList();
        if (!existing.isEmpty()) {
            throw new IllegalArgumentException("not overwriting " + existing + ": choose another NAME or move them");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.writeString(f.getKey(), f.getValue().replaceAll("\n{3,}", "\n\n"), StandardCharsets.UTF_8);
            out.println("wrote " + f.getKey());
        }
        String validate = "onex validate contracts/" + name + ".yaml";
        if (newProject) {
            out.println("next: cd " + dir + " && mvn verify  (runs " + className + "Test), then " + validate
                    + "  (onex takes the classes of target/classes there)");
        } else {
            out.println("next: compile, then in " + dir + ": " + validate
                    + "  (onex takes target/classes beside a pom.xml, or --classpath), and run " + className + "Test");
        }
        out.flush();
        return 0;
    }

    /** The version of the ONEX artifacts this runtime is (the BOM version a new project imports). */
    static String onexVersion() {
        Properties p = new Properties();
        try (InputStream in = NewNodeCommand.class.getResourceAsStream("onex-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("onex-version.properties is missing from node-runtime's classes");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("onex.version");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NewNodeCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from node-runtime's classes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A project of its own: the BOM, the runtime, the embedded broker and a logging binding, JUnit. */
    private String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by onex new-node. The versions of io.onex artifacts and of what they need (Guava, Kafka,
                     Jackson, log4j, JUnit) come from the BOM io.onex:onex-bom. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%1$s</groupId>
                  <artifactId>%2$s</artifactId>
                  <version>0.1.0-SNAPSHOT</version>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <onex.version>%3$s</onex.version>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>io.onex</groupId>
                        <artifactId>onex-bom</artifactId>
                        <version>${onex.version}</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency>
                      <groupId>io.onex</groupId>
                      <artifactId>node-api</artifactId>
                    </dependency>
                    <dependency>
                      <!-- OnexRuntime, NodeTestKit -->
                      <groupId>io.onex</groupId>
                      <artifactId>node-runtime</artifactId>
                    </dependency>
                    <dependency>
                      <!-- the in-JVM Kafka broker used when KAFKA_BOOTSTRAP_SERVERS is not set; drop it for a real cluster -->
                      <groupId>io.onex</groupId>
                      <artifactId>onex-embedded-broker</artifactId>
                      <scope>runtime</scope>
                    </dependency>
                    <dependency>
                      <!-- the logging binding (configuration: src/main/resources/log4j2.xml) -->
                      <groupId>org.apache.logging.log4j</groupId>
                      <artifactId>log4j-slf4j2-impl</artifactId>
                      <scope>runtime</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.apache.logging.log4j</groupId>
                      <artifactId>log4j-core</artifactId>
                      <scope>runtime</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>3.4.2</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(javaPackage, name.replace('_', '-'), onexVersion());
    }

    /** {@code greeting_effect} → {@code GreetingEffect}. */
    static String className(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.isEmpty() || !Character.isJavaIdentifierStart(b.charAt(0)) ? "Node" + b : b.toString();
    }

    private String contract(NodeType nodeType, String className) {
        String published = "onex.evt." + name.replace('_', '-') + "-completed.v1";
        return """
                # Contract of %1$s (%2$s.%3$s). Every key is checked when the runtime loads it:
                # ./onex validate contracts/%1$s.yaml
                name: %1$s
                version: 0.1.0
                node_type: %4$s
                description: What %1$s does, in one sentence.
                implementation: %2$s.%3$s

                topics:
                  # ONEX references get {ONEX_ENV}.{ONEX_TENANT}. in front. Subscribing needs a consumer: section.
                  subscribe: []
                  publish: [%5$s]

                resilience:
                  timeout: 5s                 # per attempt
                  retry:
                    max_attempts: 3
                    initial_backoff: 100ms
                    multiplier: 2.0
                    max_backoff: 2s
                  circuit_breaker:
                    failure_threshold: 5
                    wait_in_open: 30s

                dead_letter:
                  enabled: true

                heartbeat:
                  interval: 30s

                config:
                  # the node's own settings, read with NodeConfigReader; ${env:NAME:-default} works in any value
                  greeting: ${env:%6$s_GREETING:-hello}
                """.formatted(name, javaPackage, className, nodeType.wireName(), published,
                name.toUpperCase(Locale.ROOT));
    }

    private String node(NodeType nodeType, String className) {
        String published = "onex.evt." + name.replace('_', '-') + "-completed.v1";
        String eventType = name.toUpperCase(Locale.ROOT) + "_COMPLETED";
        String iface = switch (nodeType) {
            case EFFECT -> "EffectNode";
            case COMPUTE -> "ComputeNode";
            case REDUCER -> "ReducerNode";
            case ORCHESTRATOR -> "OrchestratorNode";
        };
        String method = switch (nodeType) {
            case EFFECT -> """
                        /** Runs for every call and every consumed record; do not block: return a stage. */
                        @Override
                        public CompletionStage<Map<String, Object>> executeEffect(Map<String, Object> input, NodeContext context) {
                            Map<String, Object> answer = Map.of(GREETING, greeting + " " + input.getOrDefault("name", "world"));
                            // the envelope, the key (the correlation id) and the causation id are the runtime's job
                            return context.publisher().publish(OutboundEvent.builder(PUBLISHED, EVENT_TYPE).payload(answer).build())
                                    .thenApply(receipt -> answer);
                        }
                    """;
            case COMPUTE -> """
                        /** A pure function of its input; throw InvalidInputException for input it cannot take. */
                        @Override
                        public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
                            return Map.of(GREETING, greeting + " " + input.getOrDefault("name", "world"));
                        }
                    """;
            case REDUCER -> """
                        /** Folds one intent into the node's state; do not block: return a stage. */
                        @Override
                        public CompletionStage<Map<String, Object>> reduce(Map<String, Object> intent, NodeContext context) {
                            return CompletableFuture.completedFuture(
                                    Map.of(GREETING, greeting + " " + intent.getOrDefault("name", "world")));
                        }
                    """;
            case ORCHESTRATOR -> """
                        /** Coordinates other nodes (inject a StepInvoker to call them); do not block: return a stage. */
                        @Override
                        public CompletionStage<Map<String, Object>> orchestrate(Map<String, Object> input, NodeContext context) {
                            return CompletableFuture.completedFuture(
                                    Map.of(GREETING, greeting + " " + input.getOrDefault("name", "world")));
                        }
                    """;
        };
        return """
                package %1$s;

                import io.onex.api.%2$s;
                import io.onex.api.NodeContext;
                %8$simport io.onex.api.contract.NodeContract;
                import jakarta.inject.Inject;
                import java.util.Map;
import java.util.Properties;
                %9$s

                /** What %3$s does. Its contract: contracts/%3$s.yaml. */
                public final class %4$s implements %2$s<Map<String, Object>, Map<String, Object>> {

                    static final String PUBLISHED = "%5$s";
                    static final String EVENT_TYPE = "%6$s";
                    static final String GREETING = "greeting";

                    private final String greeting;

                    /** The runtime injects the node's contract; bind anything else it needs in a Guice module. */
                    @Inject
                    public %4$s(NodeContract contract) {
                        this.greeting = String.valueOf(contract.config().getOrDefault("greeting", "hello"));
                    }

                    /** Maps (a workflow step's input, a consumed payload) are handed over as they are. */
                    @Override
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    public Class<Map<String, Object>> inputType() {
                        return (Class) Map.class;
                    }

                %7$s}
                """.formatted(javaPackage, iface, name, className, published, eventType, method,
                nodeType == NodeType.EFFECT ? "import io.onex.api.OutboundEvent;\n" : "",
                switch (nodeType) {
                    case EFFECT -> "import java.util.concurrent.CompletionStage;\n";
                    case COMPUTE -> "";
                    case REDUCER, ORCHESTRATOR -> "import java.util.concurrent.CompletableFuture;\n"
                            + "import java.util.concurrent.CompletionStage;\n";
                });
    }

    private String test(NodeType nodeType, String className) {
        return """
                package %1$s;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import io.onex.runtime.testing.NodeTestKit;
                import java.nio.file.Path;
                import java.util.Map;
import java.util.Properties;
                import org.junit.jupiter.api.Test;

                /** %2$s as the runtime wires it, on a MockProducer: see NodeTestKit. */
                class %3$sTest {

                    private static final Path CONTRACT = Path.of("contracts/%2$s.yaml");

                    @Test
                    void greetsByNameThroughItsPipeline() throws Exception {
                        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
                            Object out = kit.call(Map.of("name", "Ada")).join();

                            assertEquals(Map.of(%3$s.GREETING, "hello Ada"), out);
                            assertEquals(%4$d, kit.publishedTo(%3$s.PUBLISHED).size());
                        }
                    }
                }
                """.formatted(javaPackage, name, className, nodeType == NodeType.EFFECT ? 1 : 0);
    }
}
