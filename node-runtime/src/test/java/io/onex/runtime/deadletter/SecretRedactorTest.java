package io.onex.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "login failed: password=hunter2 for user bob | login failed: password=*** for user bob",
        "passwd: s3cr3t | passwd: ***",
        "client_secret=abc123&grant=x | client_secret=***&grant=x",
        "refresh token=eyJhbGciOi.payload.sig | refresh token=***",
        "api_key=AKIA1234 rejected | api_key=*** rejected",
        "apikey: 'k-999' | apikey: '***'",
        "{\"password\": \"p@ss\", \"user\": \"bob\"} | {\"password\": \"***\", \"user\": \"bob\"}",
        "Authorization: Bearer abc.def.ghi was refused | Authorization: Bearer *** was refused",
        "header Authorization=Basic dXNlcjpwYXNz | header Authorization=Basic ***",
        "cannot reach postgres://onex:topsecret@db:5432/onex | cannot reach postgres://onex:***@db:5432/onex",
        "no secrets in here: 3 retries left | no secrets in here: 3 retries left",
    })
    void masksSecretValuesAndLeavesTheRestAlone(String input, String expected) {
        assertThat(SecretRedactor.redact(input)).isEqualTo(expected);
    }

    @Test
    void masksTheWholeJaasConfigValue() {
        String jaas = "bad config sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"alice\" password=\"alice-secret\"; next";

        String redacted = SecretRedactor.redact(jaas);

        assertThat(redacted).isEqualTo("bad config sasl.jaas.config=*** next");
        assertThat(redacted).doesNotContain("alice");
    }

    @Test
    void truncatesAfterRedactingSoACutCannotExposeASecret() {
        String longMessage = "password=hunter2 " + "x".repeat(2000);

        String out = SecretRedactor.redactAndTruncate(longMessage, 1000);

        assertThat(out).hasSize(1000).startsWith("password=*** ").endsWith("...");
    }

    @Test
    void nullIsHandled() {
        assertThat(SecretRedactor.redact(null)).isNull();
        assertThat(SecretRedactor.redactAndTruncate(null, 1000)).isEmpty();
    }
}
