package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class StampInputValidationTest {

    @Test
    void infersTheContentTypeFromTheFileName() {
        assertThat(StampInputValidation.validate(StampRequest.ofText("contracts/bridge_orchestrator.yaml", " docs ", "x")))
                .isEqualTo(new StampInputValidation.ValidatedInput("contracts/bridge_orchestrator.yaml", "docs",
                        "application/yaml", "yaml"));
        assertThat(StampInputValidation.validate(StampRequest.ofText("README.MD", "docs", "x")).contentType())
                .isEqualTo("text/markdown");
        assertThat(StampInputValidation.validate(StampRequest.ofText("Makefile", "docs", "x")))
                .isEqualTo(new StampInputValidation.ValidatedInput("Makefile", "docs", "application/octet-stream",
                        "unknown"));
        assertThat(StampInputValidation.validate(StampRequest.ofText(".gitignore", "docs", "x")).fileType())
                .isEqualTo("unknown");
    }

    @Test
    void aGivenContentTypeWins() {
        StampRequest r = new StampRequest("x", null, "data.bin", "docs", "text/plain; charset=utf-8", null, null);

        assertThat(StampInputValidation.validate(r).contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(StampInputValidation.validate(r).fileType()).isEqualTo("bin");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> StampInputValidation.validate(new StampRequest("x", "eA==", "a.txt", "docs", null,
                null, null))).isInstanceOf(InvalidInputException.class)
                .hasMessage("content: give either 'content' or 'content_base64', but both were given");
        assertThatThrownBy(() -> StampInputValidation.validate(new StampRequest("x", null, null, "docs", null, null,
                null))).hasMessage("file_name: required, expected the file's name such as README.md, but was missing");
        assertThatThrownBy(() -> StampInputValidation.validate(new StampRequest("x", null, "a.txt", null, null, null,
                null))).hasMessage("namespace: required, expected a non-empty name such as docs, but was missing");
        assertThatThrownBy(() -> StampInputValidation.validate(new StampRequest("x", null, "a.txt", "docs", "text",
                null, null))).hasMessage("content_type: expected a MIME type such as text/plain, but was 'text'");
    }
}
