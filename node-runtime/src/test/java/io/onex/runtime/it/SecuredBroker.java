package io.onex.runtime.it;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.kafka.embedded.ScramUser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A SASL_SSL embedded broker for the secured-cluster ITs: an {@code admin} super user, and node users whose ACLs are
 * the ones docs/security.md lists, each confined to the topics of one tenant ({@code dev.<tenant>.}).
 */
final class SecuredBroker {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pw-0001";

    private SecuredBroker() {
    }

    /** The environment of a runtime (or a verb) logging in as {@code user}. */
    static Map<String, String> environment(EmbeddedKafkaBroker broker, String tenant, String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_USERNAME", user);
        env.put("KAFKA_SASL_PASSWORD", password);
        env.put("KAFKA_SSL_CA_LOCATION", broker.caCertificate().toString());
        env.put("ONEX_TENANT", tenant);
        env.put("ONEX_CREATE_TOPICS", "true");
        return env;
    }

    static Map<String, Object> admin(EmbeddedKafkaBroker broker) {
        return broker.clientProperties(ADMIN, ADMIN_PASSWORD);
    }

    /**
     * What a runtime running the uppercase_echo contract needs (docs/security.md): READ, WRITE, DESCRIBE and CREATE
     * (it creates its topics: ONEX_CREATE_TOPICS=true) on the tenant's topics, READ on its groups.
     */
    static List<AclBinding> nodeAcls(String user, String tenant) {
        List<AclBinding> acls = new ArrayList<>();
        String prefix = "dev." + tenant + ".";
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.CREATE)) {
            acls.add(allow(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, op));
        }
        acls.add(allow(user, ResourceType.GROUP, "uppercase_echo", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(user, ResourceType.GROUP, "onex-", PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    static AclBinding deny(String user, ResourceType type, String name, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.DENY));
    }

    static EmbeddedKafkaBroker start(List<ScramUser> users, List<AclBinding> acls) {
        List<ScramUser> all = new ArrayList<>(users);
        all.add(new ScramUser(ADMIN, ADMIN_PASSWORD));
        return EmbeddedKafkaBroker.builder().saslSsl(all.toArray(ScramUser[]::new)).superUsers(ADMIN)
                .acls(acls.toArray(AclBinding[]::new)).start();
    }

    static void send(EmbeddedKafkaBroker broker, String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(admin(broker), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** A PEM file of a CA that did not sign the broker's certificate: the first one of the JVM's trust store. */
    static Path someOtherCa(Path dir) throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            cacerts.load(in, null);
        }
        Certificate ca = cacerts.getCertificate(cacerts.aliases().nextElement());
        Path pem = dir.resolve("other-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return pem;
    }
}
