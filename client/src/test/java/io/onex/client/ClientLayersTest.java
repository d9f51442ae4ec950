package io.onex.client;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.onex.architecture.LayerRules;

/** The client keeps the layer rules (see {@link LayerRules}): it uses the runtime's public faces only. */
@AnalyzeClasses(packages = "io.onex", importOptions = LayerRules.ThisModulesClasses.class)
class ClientLayersTest {

    @ArchTest
    static final ArchRule conceptsAreFreeOfCycles = LayerRules.CONCEPTS_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule noPackageUsesAnotherPackagesInternals = LayerRules.NO_PACKAGE_USES_ANOTHER_PACKAGES_INTERNALS;

    @ArchTest
    static final ArchRule productionCodeCarriesNoBenchmarks = LayerRules.PRODUCTION_CODE_CARRIES_NO_BENCHMARKS;
}
