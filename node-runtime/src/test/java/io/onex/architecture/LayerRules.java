package io.onex.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The layer rules every module of ours keeps, as ArchUnit rules (shipped in node-runtime's test-jar, so the nodes and
 * bench modules check themselves with the same rules; node-api, which cannot see the test-jar, has its own).
 * A module's test imports exactly its own production classes, what its jar holds ({@code @AnalyzeClasses(packages =
 * "io.onex", importOptions = LayerRules.ThisModulesClasses.class)}), and lists the rules with {@code @ArchTest}.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /**
     * Imports the classes of the module under test only: its {@code target/classes}, what its jar is made of (not its
     * tests, not the modules it depends on, which check themselves).
     */
    public static final class ThisModulesClasses implements ImportOption {
        private final String classes = Path.of("target", "classes").toAbsolutePath() + "/";

        @Override
        public boolean includes(Location location) {
            String path = location.asURI().getPath(); // null inside a jar: no module's own classes are in one here
            return path != null && path.startsWith(classes);
        }
    }

    /** The concept a class belongs to, by its package; classes outside io.onex are in none. */
    private static final SliceAssignment CONCEPTS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String concept = conceptOf(javaClass.getPackageName());
            return concept == null ? SliceIdentifier.ignore() : SliceIdentifier.of(concept);
        }

        @Override
        public String getDescription() {
            return "concepts of io.onex (each top-level package of a module with its subpackages, and each module's"
                    + " root package with its internal/)";
        }
    };

    /**
     * No two concepts depend on each other, directly or around a loop. A concept is a top-level package of a module
     * with all its subpackages ({@code io.onex.runtime.workflow} with {@code workflow.internal}, say); a module's
     * root package ({@code io.onex.runtime}, with its {@code internal}) is one concept too. Within a concept, the
     * public face and its {@code internal} machinery may refer to each other (resilience4j's {@code Retry.of} builds a
     * {@code RetryImpl} that implements {@code Retry}).
     */
    public static final ArchRule CONCEPTS_ARE_FREE_OF_CYCLES = slices().assignedFrom(CONCEPTS)
            .should().beFreeOfCycles();

    /**
     * A package's {@code internal} subpackage is its own machinery: only the package itself (and the internal
     * package's own subpackages) may use it. {@code pipeline -> pipeline.internal} is fine; {@code deadletter ->
     * pipeline.internal} is not, and neither is {@code pipeline -> (root).internal}.
     */
    public static final ArchRule NO_PACKAGE_USES_ANOTHER_PACKAGES_INTERNALS = classes()
            .that().resideInAPackage("io.onex..")
            .should(useNoOtherPackagesInternals());

    /** The runtime knows neither the shipped nodes nor the benchmarks: they are built on it, never the reverse. */
    public static final ArchRule RUNTIME_NEVER_DEPENDS_ON_NODES_OR_BENCHES = noClasses()
            .that().resideInAPackage("io.onex.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("io.onex.nodes..", "io.onex.bench..");

    /** The shipped nodes never reach for benchmark code: the benches are built on the nodes, never the reverse. */
    public static final ArchRule NODES_NEVER_DEPEND_ON_BENCHES = noClasses()
            .that().resideInAPackage("io.onex.nodes..")
            .should().dependOnClassesThat().resideInAPackage("io.onex.bench..");

    /**
     * Each node package ({@code kafkaeffect}, {@code orchestrator}, {@code reducer}, {@code registry},
     * {@code dbadapter}, {@code textstats}, and every future one) stands alone: it uses node-api and node-runtime,
     * never another node's classes (shared event types and field names live in node-api's {@code bridge}). Only
     * {@code io.onex.nodes.cli}, the verbs that run several nodes together ({@code demo}, {@code nodes}), may use
     * them; no node uses the CLI package. {@code io.onex.nodes.database} is not a node but plumbing the database nodes
     * share (pool, migrations, embedded SQLite): every node may use it, and it uses no node.
     */
    public static final ArchRule NODE_PACKAGES_NEVER_DEPEND_ON_EACH_OTHER = slices()
            .matching("io.onex.nodes.(*)..")
            .namingSlices("node package io.onex.nodes.$1")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("io.onex.nodes.cli.."), alwaysTrue())
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.onex.nodes.database.."));

    /**
     * Production modules (node-api, node-runtime, nodes) carry no benchmark code: benches live in the bench module
     * ({@code io.onex.bench}), which production jars never contain.
     */
    public static final ArchRule PRODUCTION_CODE_CARRIES_NO_BENCHMARKS = noClasses()
            .should().haveSimpleNameStartingWith("Bench")
            .orShould().resideInAPackage("io.onex.bench..")
            .as("no production class is a benchmark (named Bench* or in io.onex.bench)");

    /** {@code io.onex.runtime.workflow} for {@code io.onex.runtime.workflow.internal}; {@code io.onex.runtime} for itself. */
    static String conceptOf(String packageName) {
        String[] segments = packageName.split("\\.");
        if (segments.length < 3 || !segments[0].equals("io") || !segments[1].equals("onex")) {
            return null;
        }
        int length = segments.length == 3 || segments[3].equals("internal") ? 3 : 4;
        return String.join(".", Arrays.copyOfRange(segments, 0, length));
    }

    private static ArchCondition<JavaClass> useNoOtherPackagesInternals() {
        return new ArchCondition<>("use no other package's internal/ package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (!target.startsWith("io.onex.")) {
                        continue;
                    }
                    String owner = internalOwner(target);
                    if (owner != null && !mayUseInternalsOf(origin.getPackageName(), owner)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code a.b} for {@code a.b.internal} and {@code a.b.internal.c}; null for a package outside any internal/. */
    static String internalOwner(String packageName) {
        String[] segments = packageName.split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("internal")) {
                return String.join(".", Arrays.copyOfRange(segments, 0, i));
            }
        }
        return null;
    }

    static boolean mayUseInternalsOf(String originPackage, String owner) {
        return originPackage.equals(owner) || originPackage.equals(owner + ".internal")
                || originPackage.startsWith(owner + ".internal.");
    }
}
