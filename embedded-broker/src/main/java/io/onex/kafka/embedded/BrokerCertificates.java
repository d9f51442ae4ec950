package io.onex.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a broker certificate it signed for {@code 127.0.0.1} and {@code localhost},
 * made with the JDK's {@code keytool} (no extra dependency): the CA certificate as a PEM file for the clients'
 * {@code KAFKA_SSL_CA_LOCATION}, the broker's chain and unencrypted PKCS#8 key as PEM text for Kafka's PEM key store.
 * Valid for two days; the keys never leave the broker's data directory.
 */
final class BrokerCertificates {
    private static final String SAN = "san=ip:127.0.0.1,dns:localhost";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path caCertificate;
    private final String brokerChainPem;
    private final String brokerKeyPem;

    private BrokerCertificates(Path caCertificate, String brokerChainPem, String brokerKeyPem) {
        this.caCertificate = caCertificate;
        this.brokerChainPem = brokerChainPem;
        this.brokerKeyPem = brokerKeyPem;
    }

    /** Makes the CA and the broker certificate in {@code dir} (the files stay there: ca.pem, ca.p12, broker.p12). */
    static BrokerCertificates generate(Path dir) {
        try {
            Files.createDirectories(dir);
            // the stores are protected by a password nobody needs to know: they live and die with the test's broker
            String storePass = UUID.randomUUID().toString();
            Path ca = dir.resolve("ca.p12");
            Path broker = dir.resolve("broker.p12");
            Files.deleteIfExists(ca);
            Files.deleteIfExists(broker);
            keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=onex-embedded-broker-test-ca", "-ext", "bc:c", "-validity", "2",
                    "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", storePass);
            keytool(null, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", SAN, "-validity", "2",
                    "-keystore", broker.toString(), "-storetype", "PKCS12", "-storepass", storePass);
            byte[] request = keytool(null, "-certreq", "-alias", "broker", "-keystore", broker.toString(),
                    "-storepass", storePass);
            String brokerCert = new String(keytool(request, "-gencert", "-alias", "ca", "-keystore", ca.toString(),
                    "-storepass", storePass, "-ext", SAN, "-validity", "2", "-rfc"), StandardCharsets.US_ASCII);
            String caPem = pem("CERTIFICATE", certificate(ca, "ca", storePass).getEncoded());
            Path caFile = dir.resolve("ca.pem");
            Files.writeString(caFile, caPem, StandardCharsets.US_ASCII);
            KeyStore brokerStore = load(broker, storePass);
            byte[] key = brokerStore.getKey("broker", storePass.toCharArray()).getEncoded(); // PKCS#8
            return new BrokerCertificates(caFile, brokerCert.strip() + "\n" + caPem, pem("PRIVATE KEY", key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the embedded broker's test certificates in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the embedded broker's test certificates in " + dir, e);
        }
    }

    /** The CA certificate (PEM): what a client trusts. */
    Path caCertificate() {
        return caCertificate;
    }

    /** The broker's certificate followed by the CA's, PEM. */
    String brokerChainPem() {
        return brokerChainPem;
    }

    /** The broker's private key, unencrypted PKCS#8 PEM. */
    String brokerKeyPem() {
        return brokerKeyPem;
    }

    private static Certificate certificate(Path store, String alias, String pass)
            throws IOException, GeneralSecurityException {
        return load(store, pass).getCertificate(alias);
    }

    private static KeyStore load(Path store, String pass) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass.toCharArray());
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Runs keytool with {@code stdin} (or nothing) as input; returns its standard output. */
    private static byte[] keytool(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.add("-noprompt");
        cmd.addAll(List.of(args));
        Path errors = Files.createTempFile("onex-keytool-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(errors).strip());
            }
            return out.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + args[0], e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
