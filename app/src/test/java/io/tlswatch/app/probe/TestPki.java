package io.tlswatch.app.probe;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the tests (the JDK has no public certificate builder): EC P-256 keys, a root, CAs issued by
 * it, leaves with chosen names and validity.
 */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate cert) {}

    private TestPki() {}

    static Issued root(String cn) {
        KeyPair keys = keys();
        Instant now = Instant.now();
        return new Issued(keys, build(new X500Name(cn), keys, new X500Name(cn), keys, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), true));
    }

    static Issued ca(Issued issuer, String cn) {
        KeyPair keys = keys();
        Instant now = Instant.now();
        return new Issued(keys, build(subject(issuer), issuer.keys(), new X500Name(cn), keys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true));
    }

    static Issued leaf(Issued issuer, String cn, Instant notBefore, Instant notAfter, String... dnsNames) {
        KeyPair keys = keys();
        return new Issued(keys, build(subject(issuer), issuer.keys(), new X500Name(cn), keys, notBefore, notAfter,
                false, dnsNames));
    }

    static Issued leaf(Issued issuer, String cn, String... dnsNames) {
        Instant now = Instant.now();
        return leaf(issuer, cn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), dnsNames);
    }

    /** The certificates as a PEM file, for --ca-file. */
    static Path pem(Path file, X509Certificate... certs) throws IOException {
        StringWriter w = new StringWriter();
        for (X509Certificate c : certs) {
            try {
                w.write("-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                                .encodeToString(c.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return Files.writeString(file, w.toString());
    }

    private static X500Name subject(Issued issuer) {
        return X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair keys,
            Instant notBefore, Instant notAfter, boolean ca, String... dnsNames) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
