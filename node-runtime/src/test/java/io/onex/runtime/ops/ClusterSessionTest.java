package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ClusterSessionTest {

    @Test
    void aRefusedLoginIsNamedAsSuchWithTheSettingsToCheck() {
        ClusterUnreachableException e = ClusterSession.unreachable("broker:9093", Duration.ofSeconds(5),
                new SaslAuthenticationException("Authentication failed: Invalid username or password"));

        assertThat(e.getMessage()).isEqualTo("the cluster at broker:9093 refused authentication: Authentication"
                + " failed: Invalid username or password (check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,"
                + " KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)");
        assertThat(e.servers()).isEqualTo("broker:9093");
    }

    @Test
    void aFailedTlsHandshakeNamesTheCaSettingRatherThanTheSaslOnes() {
        ClusterUnreachableException e = ClusterSession.unreachable("broker:9093", Duration.ofSeconds(5),
                new SslAuthenticationException("SSL handshake failed"));

        assertThat(e.getMessage()).isEqualTo("the TLS handshake with the cluster at broker:9093 failed: SSL handshake"
                + " failed (check KAFKA_SSL_CA_LOCATION, the PEM file of the CA that signed the brokers' certificates,"
                + " and KAFKA_SECURITY_PROTOCOL)");
    }

    @Test
    void noAnswerInTimeNamesTheAddressAndTheWait() {
        ClusterUnreachableException e = ClusterSession.unreachable("127.0.0.1:1", Duration.ofSeconds(5),
                new TimeoutException("Timed out waiting for a node assignment. Call: listNodes"));

        assertThat(e.getMessage()).isEqualTo("cannot reach the cluster at 127.0.0.1:1 within 5 s: is a broker running"
                + " there? (`onex broker` starts one)");
    }
}
