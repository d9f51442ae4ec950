package io.onex.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * The settings of a secured {@link EmbeddedKafkaBroker}: clients connect over SASL_SSL (SCRAM-SHA-512, a test CA),
 * KRaft's {@code StandardAuthorizer} checks every request against the ACLs, and the users named super users (with
 * {@code User:ANONYMOUS}, the principal of the two PLAINTEXT loopback listeners the broker keeps for itself: the
 * controller's and the inter-broker one, which the broker also uses to write the ACLs at start) skip the checks.
 */
final class SaslSslListener {
    static final String NAME = "SASL_SSL";
    static final String INTERNAL = "INTERNAL";
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final Duration ACL_WAIT = Duration.ofSeconds(30);

    private final List<ScramUser> users;
    private final Set<String> superUsers;
    private final List<AclBinding> acls;
    private BrokerCertificates certificates;

    SaslSslListener(List<ScramUser> users, Set<String> superUsers, List<AclBinding> acls) {
        this.users = List.copyOf(users);
        this.superUsers = Set.copyOf(superUsers);
        this.acls = List.copyOf(acls);
        for (String s : superUsers) {
            if (users.stream().noneMatch(u -> u.name().equals(s))) {
                throw new IllegalArgumentException("super user " + s + " is not one of the SCRAM users "
                        + users.stream().map(ScramUser::name).toList());
            }
        }
    }

    /** Makes the test CA and the broker certificate under {@code dir}; once, before the first start. */
    void prepare(Path dir) {
        if (certificates == null) {
            certificates = BrokerCertificates.generate(dir.resolve("tls"));
        }
    }

    Path caCertificate() {
        return certificates.caCertificate();
    }

    /** The storage formatter's {@code --add-scram} arguments: every user exists before the broker first listens. */
    List<String> scramArguments() {
        return users.stream().map(u -> MECHANISM + "=[name=" + u.name() + ",password=" + u.password() + "]").toList();
    }

    /** Listener, SASL, TLS and authorizer settings; the caller adds the rest of the broker's configuration. */
    Map<String, String> brokerConfig(int port, int internalPort, int controllerPort, String controllerName) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("listeners", NAME + "://127.0.0.1:" + port + "," + INTERNAL + "://127.0.0.1:" + internalPort + ","
                + controllerName + "://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", NAME + "://127.0.0.1:" + port + "," + INTERNAL + "://127.0.0.1:" + internalPort);
        c.put("listener.security.protocol.map", NAME + ":SASL_SSL," + INTERNAL + ":PLAINTEXT," + controllerName
                + ":PLAINTEXT");
        c.put("inter.broker.listener.name", INTERNAL);
        String prefix = "listener.name." + NAME.toLowerCase() + ".";
        c.put(prefix + "sasl.enabled.mechanisms", MECHANISM);
        c.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        c.put(prefix + "ssl.keystore.type", "PEM");
        c.put(prefix + "ssl.keystore.certificate.chain", certificates.brokerChainPem());
        c.put(prefix + "ssl.keystore.key", certificates.brokerKeyPem());
        c.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        c.put("super.users", superUsers.stream().map(n -> "User:" + n)
                .collect(Collectors.joining(";", "User:ANONYMOUS" + (superUsers.isEmpty() ? "" : ";"), "")));
        c.put("allow.everyone.if.no.acl.found", "false");
        return c;
    }

    /** Writes the ACLs through the internal listener and waits until the broker's authorizer applies them. */
    void applyAcls(String internalBootstrap) {
        if (acls.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createAcls(acls).all().get(ACL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + ACL_WAIT.toNanos();
            // the controller has them once createAcls returns; the broker's authorizer a moment later
            while (!new ArrayList<>(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(ACL_WAIT.toMillis(), TimeUnit.MILLISECONDS)).containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded broker did not apply its ACLs within "
                            + ACL_WAIT.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the embedded broker's ACLs", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the embedded broker's ACLs: " + e, e);
        }
    }

    /** Properties of a client logging in as {@code user} and trusting the test CA (bootstrap not included). */
    Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", caCertificate().toString());
        return p;
    }
}
