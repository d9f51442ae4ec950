package io.onex.runtime.contract;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onex.runtime.yaml.HostileYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile contract text: whatever a file holds, the loader returns a contract or throws
 * {@link ContractValidationException} whose every problem is located at file:line:column; never another exception,
 * never a hang. Seeds are fixed so CI runs the same samples every time.
 */
class ContractLoaderPropertiesTest {

    private static final Path FILE = Path.of("contracts/hostile.yaml");
    private static final ContractLoader LOADER = new ContractLoader(Map.of());

    @Property(tries = 300, seed = "19")
    void arbitraryTextGivesAContractOrLocatedProblems(@ForAll("arbitraryText") String yaml) {
        assertContractOrLocatedProblems(yaml);
    }

    @Property(tries = 300, seed = "19")
    void mutatedContractsGiveAContractOrLocatedProblems(@ForAll("mutatedContracts") String yaml) {
        assertContractOrLocatedProblems(yaml);
    }

    private static void assertContractOrLocatedProblems(String yaml) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                LOADER.parse(yaml, FILE);
            } catch (ContractValidationException e) {
                HostileYaml.assertLocated(e.problems());
            }
        });
    }

    @Provide
    Arbitrary<String> arbitraryText() {
        return HostileYaml.arbitraryText();
    }

    @Provide
    Arbitrary<String> mutatedContracts() throws IOException {
        return HostileYaml.mutationsOf(Files.readString(Path.of("src/test/resources/contracts/good/full.yaml")));
    }
}
