package io.tlswatch.ingest.syslog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS listener's server identity: a PEM certificate chain and an unencrypted PKCS#8 PEM key
 * ({@code BEGIN PRIVATE KEY}), or a PKCS#12 keystore. Every problem is an {@link IllegalArgumentException} with one
 * line naming the file.
 */
public final class TlsMaterial {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private TlsMaterial() {}

    /** A context from a PEM certificate chain (leaf first) and a PKCS#8 PEM private key. */
    public static SSLContext fromPem(Path certificate, Path key) {
        List<Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (String[] block : blocks(certificate)) {
                if (block[0].equals("CERTIFICATE")) {
                    chain.add(x509.generateCertificate(new ByteArrayInputStream(decode(certificate, block[1]))));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certificate + ": not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificate + ": no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("syslog", privateKey, NO_PASSWORD, chain.toArray(Certificate[]::new));
            return context(store, NO_PASSWORD);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(key + " does not go with " + certificate + ": " + e.getMessage(), e);
        }
    }

    /** A context from a PKCS#12 keystore holding one key entry. */
    public static SSLContext fromPkcs12(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return context(store, password);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read keystore " + keystore + ": "
                    + (e.getCause() instanceof java.security.UnrecoverableKeyException
                            ? "wrong password" : String.valueOf(e.getMessage())), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static PrivateKey privateKey(Path key) {
        for (String[] block : blocks(key)) {
            if (block[0].equals("RSA PRIVATE KEY") || block[0].equals("EC PRIVATE KEY")
                    || block[0].equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException(key + " holds an '" + block[0] + "'; convert it to an unencrypted "
                        + "PKCS#8 key with: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out key.pem");
            }
            if (block[0].equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(decode(key, block[1]));
                for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (GeneralSecurityException notThisOne) {
                        // try the next algorithm
                    }
                }
                throw new IllegalArgumentException(key + ": a PKCS#8 key of an algorithm Java cannot read");
            }
        }
        throw new IllegalArgumentException(key + ": no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Each PEM block of the file as {type, base64}. */
    private static List<String[]> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
        List<String[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad base64 in a PEM block", e);
        }
    }
}
