package io.tlswatch.app.ingest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, as PKCS#12 and as PEM files. */
record SelfSignedCertificate(Path keystore, char[] password, Path certificatePem, Path keyPem) {

    static SelfSignedCertificate create(Path dir) throws Exception {
        Path keystore = dir.resolve("syslog.p12");
        String password = "changeit";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password, "-alias", "syslog", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = load(keystore, password.toCharArray());
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = Files.writeString(dir.resolve("syslog.crt"), "-----BEGIN CERTIFICATE-----\n"
                + mime.encodeToString(store.getCertificate("syslog").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        PrivateKey key = (PrivateKey) store.getKey("syslog", password.toCharArray());
        Path keyPem = Files.writeString(dir.resolve("syslog.key"), "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new SelfSignedCertificate(keystore, password.toCharArray(), cert, keyPem);
    }

    /** A client context that trusts this certificate only. */
    SSLContext clientContext() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(keystore, password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
