package io.onex.bench;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.onex.architecture.LayerRules;

/** The benchmarks keep the layer rules too (see {@link LayerRules}): they use the runtime's and nodes' public faces. */
@AnalyzeClasses(packages = "io.onex", importOptions = LayerRules.ThisModulesClasses.class)
class BenchLayersTest {

    @ArchTest
    static final ArchRule conceptsAreFreeOfCycles = LayerRules.CONCEPTS_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule noPackageUsesAnotherPackagesInternals = LayerRules.NO_PACKAGE_USES_ANOTHER_PACKAGES_INTERNALS;
}
