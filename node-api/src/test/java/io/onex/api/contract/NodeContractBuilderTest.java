package io.onex.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeContractBuilderTest {

    private static NodeContract.Builder minimal() {
        return NodeContract.builder().name("greeting_effect").version(SemanticVersion.parse("1.0.0"))
                .nodeType(NodeType.EFFECT).implementation("com.example.GreetingEffect");
    }

    @Test
    void builderAppliesTheContractDefaultsToWhatIsLeftOut() {
        NodeContract c = minimal().build();

        assertThat(c.description()).isEmpty();
        assertThat(c.topics()).isEqualTo(TopicsSpec.none());
        assertThat(c.resilience()).isEqualTo(ResilienceSpec.defaults());
        assertThat(c.deadLetterEnabled()).isTrue();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.consumer()).isEmpty();
        assertThat(c.config()).isEmpty();
        assertThat(c.source()).isEmpty();
    }

    @Test
    void toBuilderCopiesEveryComponentAndChangesOnlyWhatIsSet() {
        ConsumerSpec consumer = new ConsumerSpec("g", 10, 20, 30, Duration.ofSeconds(2), "latest");
        NodeContract full = minimal().description("greets").topics(new TopicsSpec(List.of("in"), List.of("out")))
                .deadLetterEnabled(false).heartbeatInterval(Duration.ofSeconds(5)).consumer(consumer)
                .config(Map.of("greeting", "hi")).source(Path.of("contracts/greeting_effect.yaml")).build();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        NodeContract other = full.toBuilder().implementation("com.example.Stand").build();
        assertThat(other.implementation()).isEqualTo("com.example.Stand");
        assertThat(other.toBuilder().implementation(full.implementation()).build()).isEqualTo(full);
        assertThat(full.toBuilder().consumer(Optional.empty()).build().consumer()).isEmpty();
    }

    @Test
    void buildNamesARequiredValueThatIsMissing() {
        assertThatThrownBy(() -> NodeContract.builder().version(SemanticVersion.parse("1.0.0"))
                .nodeType(NodeType.EFFECT).implementation("com.example.GreetingEffect").build())
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
