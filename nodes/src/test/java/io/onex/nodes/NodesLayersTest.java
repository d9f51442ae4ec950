package io.onex.nodes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.onex.architecture.LayerRules;

/** The shipped nodes' production classes keep the layer rules (see {@link LayerRules}). */
@AnalyzeClasses(packages = "io.onex", importOptions = LayerRules.ThisModulesClasses.class)
class NodesLayersTest {

    @ArchTest
    static final ArchRule conceptsAreFreeOfCycles = LayerRules.CONCEPTS_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule noPackageUsesAnotherPackagesInternals = LayerRules.NO_PACKAGE_USES_ANOTHER_PACKAGES_INTERNALS;

    @ArchTest
    static final ArchRule nodePackagesNeverDependOnEachOther = LayerRules.NODE_PACKAGES_NEVER_DEPEND_ON_EACH_OTHER;

    @ArchTest
    static final ArchRule nodesNeverDependOnTheBenches = LayerRules.NODES_NEVER_DEPEND_ON_BENCHES;

    @ArchTest
    static final ArchRule nodesCarryNoBenchmarks = LayerRules.PRODUCTION_CODE_CARRIES_NO_BENCHMARKS;
}
