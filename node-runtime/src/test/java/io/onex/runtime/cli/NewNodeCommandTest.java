package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code onex new-node} writes loads, compiles and runs under the kit as written, for every node type. */
class NewNodeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int onex(String... args) {
        return OnexCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"effect", "compute", "reducer", "orchestrator"})
    void theWrittenNodeCompilesAndAnswersThroughItsContractsPipeline(String type) throws Exception {
        int code = onex("new-node", "greeting_" + type, "--type", type, "--package", "org.acme.greet", "--dir",
                dir.toString());
        assertThat(code).as(err.toString()).isZero();

        Path contract = dir.resolve("contracts/greeting_" + type + ".yaml");
        String className = "Greeting" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
        assertThat(new ContractLoader(Map.of()).load(contract).implementation()).isEqualTo("org.acme.greet." + className);

        Path classes = compile(dir.resolve("src/main/java/org/acme/greet/" + className + ".java"),
                dir.resolve("src/test/java/org/acme/greet/" + className + "Test.java"));

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader); // where the runtime looks up contract classes
            try (NodeTestKit kit = NodeTestKit.forContract(contract).build()) {
                assertThat(kit.call(Map.of("name", "Ada")).join()).isEqualTo(Map.of("greeting", "hello Ada"));
                List<PublishedRecord> published = kit.publishedTo("onex.evt.greeting-" + type + "-completed.v1");
                assertThat(published).hasSize(type.equals("effect") ? 1 : 0);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void theWrittenNodeValidatesOnceItsClassesAreGivenWithClasspath() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        assertThat(onex("new-node", "order_sink", "--package", "org.acme.orders", "--dir", dir.toString())).isZero();
        Path classes = compile(dir.resolve("src/main/java/org/acme/orders/OrderSink.java"));
        String contract = dir.resolve("contracts/order_sink.yaml").toString();

        assertThat(onex("validate", contract)).isEqualTo(1);
        assertThat(err.toString()).contains("class org.acme.orders.OrderSink is not on the classpath");

        assertThat(onex("validate", "--classpath", classes.toString(), contract)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(order_sink 0.1.0, effect)");
        assertThat(Thread.currentThread().getContextClassLoader()).as("the former loader is back")
                .isSameAs(before);
    }

    @Test
    void aClasspathEntryThatDoesNotExistIsAUsageErrorNamingIt() {
        assertThat(onex("validate", "--classpath", dir.resolve("no-such-classes").toString(), "x.yaml")).isEqualTo(2);

        assertThat(err.toString()).contains("--classpath: no such file or folder: " + dir.resolve("no-such-classes"));
    }

    @Test
    void inAFolderWithoutAPomItWritesAProjectImportingTheBomOfThisRuntimesVersion() throws Exception {
        assertThat(onex("new-node", "order_sink", "--package", "org.acme.orders", "--dir", dir.toString()))
                .as(err.toString()).isZero();

        String pom = Files.readString(dir.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>onex-bom</artifactId>")
                .contains("<onex.version>" + NewNodeCommand.onexVersion() + "</onex.version>")
                .contains("<artifactId>node-runtime</artifactId>").contains("<artifactId>onex-embedded-broker</artifactId>")
                .contains("<artifactId>log4j-slf4j2-impl</artifactId>").contains("<artifactId>junit-jupiter</artifactId>");
        assertThat(NewNodeCommand.onexVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(dir.resolve("src/main/resources/log4j2.xml")).content().contains("<Configuration");
        assertThat(out.toString()).contains("mvn verify");
    }

    @Test
    void inAnExistingProjectItAddsOnlyTheNode() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");

        assertThat(onex("new-node", "order_sink", "--dir", dir.toString())).as(err.toString()).isZero();

        assertThat(Files.readString(dir.resolve("pom.xml"))).isEqualTo("<project/>");
        assertThat(dir.resolve("src/main/resources")).doesNotExist();
        assertThat(dir.resolve("contracts/order_sink.yaml")).exists();
        assertThat(dir.resolve("src/main/java/com/example/nodes/OrderSink.java")).exists();
        assertThat(dir.resolve("src/test/java/com/example/nodes/OrderSinkTest.java")).exists();
    }

    @Test
    void existingFilesAreNotOverwritten() throws Exception {
        assertThat(onex("new-node", "greeting_effect", "--dir", dir.toString())).isZero();
        Path node = dir.resolve("src/main/java/com/example/nodes/GreetingEffect.java");
        Files.writeString(node, "// mine");

        assertThat(onex("new-node", "greeting_effect", "--dir", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("not overwriting").contains("GreetingEffect.java");
        assertThat(Files.readString(node)).isEqualTo("// mine");
    }

    @Test
    void badNameTypeAndPackageAreReportedTogether() {
        assertThat(onex("new-node", "Greeting", "--type", "sink", "--package", "Com.Acme", "--dir",
                dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("NAME must be snake_case like greeting_effect")
                .contains("--type must be effect, compute, reducer or orchestrator, but was 'sink'")
                .contains("--package must be a Java package name like com.example.nodes, but was 'Com.Acme'");
        assertThat(dir).isEmptyDirectory();
    }

    /** Compiles with the test's own classpath (node-api, node-runtime, JUnit) into a fresh folder. */
    private Path compile(Path... sources) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = compiler.getTask(null, files, diagnostics, List.of("-d", classes.toString(), "-classpath",
                    classpath, "-Xlint:all", "-Werror", "-proc:none"), null,
                    files.getJavaFileObjects(Stream.of(sources).map(Path::toFile).toArray(File[]::new))).call();
            assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
        return classes;
    }
}
