package io.tlswatch.app.probe;

import io.tlswatch.schemas.ProbeReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What a presented chain is worth: each certificate's validity at probe time, a PKIX validation against the
 * {@link TrustAnchors} (revocation not checked: a probe fetches nothing), and whether an intermediate is missing.
 * The chain was seen through a trust-all manager, so even a chain the JDK would refuse is described.
 */
final class ChainCheck {
    /** subjectAltName types of RFC 5280 §4.2.1.6. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private ChainCheck() {}

    /**
     * @param chain           the certificates as presented, as the report lists them
     * @param dnsNames        the leaf's DNS names
     * @param trusted         PKIX validation succeeded
     * @param trustError      why not; null when trusted
     * @param missingIssuer   the issuer neither presented nor trusted that ends the path; null when none
     */
    record Result(List<ProbeReport.Certificate> chain, List<String> dnsNames, boolean trusted, String trustError,
            String missingIssuer) {}

    static Result check(X509Certificate[] presented, TrustAnchors anchors, Instant now) {
        List<ProbeReport.Certificate> described = new ArrayList<>();
        for (X509Certificate c : presented) {
            described.add(describe(c, now));
        }
        List<X509Certificate> path = path(presented);
        X509Certificate last = path.get(path.size() - 1);
        String missing = null;
        if (!selfSigned(last) && issuer(last, anchors.certificates()) == null) {
            missing = last.getIssuerX500Principal().getName(X500Principal.RFC2253);
        }
        String trustError = validate(path, anchors, now);
        return new Result(described, dnsNames(presented[0]), trustError == null, trustError, missing);
    }

    /**
     * The leaf, then each certificate's issuer among the presented ones: servers send chains out of order or with
     * extra certificates, and the path is what a client would build from them.
     */
    static List<X509Certificate> path(X509Certificate[] presented) {
        List<X509Certificate> path = new ArrayList<>();
        List<X509Certificate> rest = new ArrayList<>(List.of(presented));
        path.add(rest.remove(0));
        while (!rest.isEmpty() && !selfSigned(path.get(path.size() - 1))) {
            X509Certificate next = issuer(path.get(path.size() - 1), rest);
            if (next == null) {
                break;
            }
            rest.remove(next);
            path.add(next);
        }
        return path;
    }

    /** The certificate of {@code candidates} that issued {@code c} (name and signature), or null. */
    static X509Certificate issuer(X509Certificate c, Collection<X509Certificate> candidates) {
        for (X509Certificate i : candidates) {
            if (i.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, i)) {
                return i;
            }
        }
        return null;
    }

    static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c);
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Null when the path validates; else the validator's reason in one line. */
    private static String validate(List<X509Certificate> path, TrustAnchors anchors, Instant now) {
        if (anchors.anchors().isEmpty()) {
            return "no trusted certificate to validate against";
        }
        List<X509Certificate> certs = new ArrayList<>(path);
        // a root sent along is the anchor itself, not part of the path PKIX validates
        if (certs.size() > 1 && selfSigned(certs.get(certs.size() - 1))) {
            certs.remove(certs.size() - 1);
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors.anchors());
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(certs), params);
            return null;
        } catch (CertPathValidatorException e) {
            String reason = e.getReason() == null ? "" : " (" + e.getReason().toString().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ")";
            return (e.getMessage() == null ? "not valid" : e.getMessage()) + reason;
        } catch (GeneralSecurityException e) {
            return "cannot validate: " + e.getMessage();
        }
    }

    static ProbeReport.Certificate describe(X509Certificate c, Instant now) {
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        List<String> san = new ArrayList<>(dnsNames(c));
        san.addAll(names(c, SAN_IP));
        return new ProbeReport.Certificate(
                c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253),
                notBefore.toString(), notAfter.toString(),
                now.isAfter(notAfter), now.isBefore(notBefore), selfSigned(c), san, sha256(c));
    }

    static List<String> dnsNames(X509Certificate c) {
        return names(c, SAN_DNS);
    }

    private static List<String> names(X509Certificate c, int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> all = c.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type
                            && entry.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension: no names
        }
        return out;
    }

    private static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
