package io.tlswatch.app.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a chain is validated against: the JDK's trust store (its {@code cacerts}, or the one named by
 * {@code javax.net.ssl.trustStore}) plus the certificates of an optional PEM or DER file ({@code --ca-file}).
 */
final class TrustAnchors {
    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : certificates) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(a);
    }

    /** The JDK's trust store and, when {@code caFile} is not null, its certificates. */
    static TrustAnchors load(Path caFile) {
        List<X509Certificate> all = new ArrayList<>(jdk());
        if (caFile != null) {
            all.addAll(read(caFile));
        }
        return new TrustAnchors(all);
    }

    static TrustAnchors of(List<X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    Set<TrustAnchor> anchors() {
        return anchors;
    }

    private static List<X509Certificate> jdk() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    return List.of(x.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trust store: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--ca-file " + file + ": no certificate in it (PEM or DER)");
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--ca-file " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ca-file " + file + ": cannot read it (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca-file " + file + ": not PEM or DER certificates (" + e.getMessage()
                    + ")", e);
        }
    }
}
