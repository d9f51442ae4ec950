package io.onex.runtime.ops;

import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * An admin connection to a cluster that has answered: {@link #open} asks the cluster to describe itself and fails
 * fast, within the reach timeout, with a {@link ClusterUnreachableException} naming the address and the cause
 * (nothing listening, authentication refused), instead of the clients' long default timeouts and empty answers.
 *
 * <p>Clients share the runtime's settings ({@link RuntimeConfig#kafkaClientProperties()}: security protocol, SASL,
 * trust store), with the bootstrap servers given.
 */
public final class ClusterSession implements AutoCloseable {

    /** How long the verbs wait for a first answer from the cluster. */
    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);

    private final String servers;
    private final RuntimeConfig config;
    private final Admin admin;

    private ClusterSession(String servers, RuntimeConfig config, Admin admin) {
        this.servers = servers;
        this.config = config;
        this.admin = admin;
    }

    /**
     * Connects and checks that the cluster answers.
     *
     * @param servers {@code host:port[,host:port...]}
     * @param environment the process environment, for the security settings (never logged)
     * @param timeout the longest to wait for the cluster's first answer
     * @return the session, whose admin client the caller uses and closes with it
     * @throws ClusterUnreachableException naming the address and the cause
     */
    public static ClusterSession open(String servers, Map<String, String> environment, Duration timeout) {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(environment).withBootstrapServers(servers);
        Map<String, Object> props =
                new java.util.HashMap<>(KafkaClientProperties.admin(config.kafkaClientProperties()));
        // a closed port must not keep the admin client reconnecting for the default 1 s backoff ceiling per try
        props.put("reconnect.backoff.max.ms", 1_000);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw unreachable(servers, timeout, e);
        }
        try {
            requireReachable(admin, servers, timeout);
        } catch (ClusterUnreachableException e) {
            admin.close(Duration.ofSeconds(1));
            throw e;
        }
        return new ClusterSession(servers, config, admin);
    }

    /**
     * Asks the cluster to describe itself and waits at most {@code timeout} for the answer: what the verbs and the
     * runtime's start do before anything else, so that a wrong address fails within seconds, naming itself.
     *
     * @param admin an admin client of the cluster (left open)
     * @param servers the bootstrap servers, for the message
     * @param timeout the longest to wait
     * @throws ClusterUnreachableException naming the address and the cause
     */
    public static void requireReachable(Admin admin, String servers, Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(servers, timeout, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(servers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException(servers, "interrupted while reaching the cluster at " + servers, e);
        }
    }

    /** The message an operator reads: the address, what went wrong, what to check. */
    static ClusterUnreachableException unreachable(String servers, Duration timeout, Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new ClusterUnreachableException(servers, "the cluster at " + servers + " refused authentication: "
                    + cause.getMessage() + " (check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,"
                    + " KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new ClusterUnreachableException(servers, "the cluster at " + servers + " refused access: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof KafkaException && cause.getMessage() != null
                && cause.getMessage().contains("bootstrap")) {
            return new ClusterUnreachableException(servers, "cannot reach the cluster at " + servers + ": "
                    + cause.getMessage(), cause);
        }
        return new ClusterUnreachableException(servers, "cannot reach the cluster at " + servers + " within "
                + timeout.toSeconds() + " s: is a broker running there? (`onex broker` starts one)", cause);
    }

    /** The bootstrap servers. */
    public String servers() {
        return servers;
    }

    /** The admin client (closed with the session). */
    public Admin admin() {
        return admin;
    }

    /** The runtime's settings with these bootstrap servers: topic names, partitions, client security. */
    public RuntimeConfig config() {
        return config;
    }

    /** Properties for a consumer outside any group (no commits), sharing the session's security settings. */
    public Map<String, Object> standaloneConsumerProperties(String clientId) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(config.kafkaClientProperties());
        p.put("client.id", Objects.requireNonNull(clientId, "clientId"));
        p.put("enable.auto.commit", false);
        p.put("allow.auto.create.topics", false);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("default.api.timeout.ms", 30_000);
        return p;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
