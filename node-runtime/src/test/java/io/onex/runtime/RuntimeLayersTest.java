package io.onex.runtime;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.onex.architecture.LayerRules;

/** node-runtime's production classes keep the layer rules (see {@link LayerRules}). */
@AnalyzeClasses(packages = "io.onex", importOptions = LayerRules.ThisModulesClasses.class)
class RuntimeLayersTest {

    @ArchTest
    static final ArchRule conceptsAreFreeOfCycles = LayerRules.CONCEPTS_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule noPackageUsesAnotherPackagesInternals = LayerRules.NO_PACKAGE_USES_ANOTHER_PACKAGES_INTERNALS;

    @ArchTest
    static final ArchRule runtimeNeverDependsOnTheNodesOrTheBenches = LayerRules.RUNTIME_NEVER_DEPENDS_ON_NODES_OR_BENCHES;

    @ArchTest
    static final ArchRule runtimeCarriesNoBenchmarks = LayerRules.PRODUCTION_CODE_CARRIES_NO_BENCHMARKS;
}
