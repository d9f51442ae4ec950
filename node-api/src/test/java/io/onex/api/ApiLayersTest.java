package io.onex.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * node-api is what a node author compiles against: it stands on the JDK alone (and, should a node ever need it,
 * {@code jakarta.inject}), never on the runtime, the nodes or a library. The other modules' layer rules live in
 * node-runtime's test-jar ({@code io.onex.architecture.LayerRules}), which this module cannot see.
 */
@AnalyzeClasses(packages = "io.onex", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiLayersTest {

    @ArchTest
    static final ArchRule apiDependsOnNothingButItselfAndTheJdk = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.onex.api..", "java..", "jakarta.inject..");

    @ArchTest
    static final ArchRule apiPackagesAreFreeOfCycles = slices().matching("io.onex.(**)")
            .namingSlices("io.onex.$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiCarriesNoBenchmarks = noClasses()
            .should().haveSimpleNameStartingWith("Bench")
            .orShould().resideInAPackage("io.onex.bench..")
            .as("no production class is a benchmark (named Bench* or in io.onex.bench)");
}
