package io.tlswatch.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS identity from a keystore made by the JDK's keytool, and every way a file can be wrong. */
class TlsMaterialTest {
    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void keytool() throws Exception {
        keystore = dir.resolve("k.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-keypass", "secret", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }

    @Test
    void aKeystoreWithItsPasswordGivesAServerContext() {
        assertThat(TlsMaterial.fromPkcs12(keystore, "secret".toCharArray()).getServerSocketFactory()).isNotNull();
    }

    @Test
    void aWrongPasswordIsSaidSo() {
        assertThatThrownBy(() -> TlsMaterial.fromPkcs12(keystore, "nope".toCharArray()))
                .hasMessage("cannot read keystore " + keystore + ": wrong password");
    }

    @Test
    void pemFilesThatAreNotWhatTheyClaimAreOneLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        Path binary = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, 0, 1, 2});
        Path pkcs1 = Files.writeString(dir.resolve("rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path cert = Files.writeString(dir.resolve("c.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsMaterial.fromPem(text, text))
                .hasMessage(text + ": no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> TlsMaterial.fromPem(binary, text)).hasMessageStartingWith(binary + ": no PEM certificate");
        assertThatThrownBy(() -> TlsMaterial.fromPem(cert, text)).hasMessageStartingWith(cert + ": not a PEM certificate");
        assertThatThrownBy(() -> TlsMaterial.fromPem(dir.resolve("missing.pem"), text))
                .hasMessageStartingWith("cannot read " + dir.resolve("missing.pem"));
        // a real certificate with a key in the old PKCS#1 form: the line says how to convert it
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "secret".toCharArray());
        }
        Path real = Files.writeString(dir.resolve("real.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(store.getCertificate("s").getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsMaterial.fromPem(real, pkcs1)).hasMessageContaining("RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1);
        assertThatThrownBy(() -> TlsMaterial.fromPem(real, real))
                .hasMessage(real + ": no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
}
