package io.tlswatch.schemas;

import java.util.List;

/**
 * The leaf certificate a server presented in the clear (TLS 1.2 and earlier), as read from its DER: what the
 * SIEM record writes under {@code tls.server.x509.*} and {@code tls.server.hash.sha256}, and the evidence of a
 * {@code cert_*} failure.
 *
 * @param notBefore          start of validity, RFC 3339 UTC
 * @param notAfter           end of validity, RFC 3339 UTC
 * @param subjectCommonNames the subject's CN values (usually one; empty when it has none)
 * @param issuerCommonNames  the issuer's CN values
 * @param dnsNames           the subjectAltName dNSName entries, in certificate order (bounded)
 * @param sha256             SHA-256 of the DER, uppercase hex (ECS: hashes are uppercase)
 */
public record ServerCertificate(
        String notBefore,
        String notAfter,
        List<String> subjectCommonNames,
        List<String> issuerCommonNames,
        List<String> dnsNames,
        String sha256) {

    /** A short line for alert evidence: {@code CN=… issuer=… not_after=… sha256=<first 16 hex>}. */
    public String summary() {
        return "CN=" + first(subjectCommonNames) + " issuer=" + first(issuerCommonNames) + " not_after=" + notAfter
                + " sha256=" + (sha256 == null ? "-" : sha256.substring(0, Math.min(16, sha256.length())));
    }

    private static String first(List<String> names) {
        return names == null || names.isEmpty() ? "-" : names.get(0);
    }
}
