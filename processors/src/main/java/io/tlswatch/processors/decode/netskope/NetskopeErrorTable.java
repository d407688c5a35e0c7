package io.tlswatch.processors.decode.netskope;

import io.tlswatch.processors.classify.ErrorClass;
import java.util.List;
import java.util.Locale;

/**
 * How Netskope WebTx values read: which values mean "nothing here", which mean "yes", and which DESIGN §7
 * error class an error text or a certificate flag names.
 *
 * <p>On the server side (Netskope → origin) a certificate alert the origin sent ({@code sslv3 alert bad certificate},
 * {@code tlsv1 alert unknown ca}) is {@code client_cert_rejected}: see {@link #fromOriginText}. Classes no Netskope
 * field can show: {@code proxy_protocol_mismatch}, {@code tps_limit} (BIG-IP only).
 *
 * <p>Error texts are matched by case-insensitive substring, first rule wins (order matters: "no
 * application protocol" before "protocol", "cipher mismatch" before "mismatch"):
 *
 * <table>
 *   <caption>error text → class</caption>
 *   <tr><th>text holds</th><th>class</th><th>why</th></tr>
 *   <tr><td>wrong version number, not ssl, non-ssl, not tls, http request, malformed</td><td>not_tls</td>
 *       <td>OpenSSL's "wrong version number" is what plain HTTP (or other bytes) on a TLS port produces</td></tr>
 *   <tr><td>sslv2</td><td>sslv2_hello</td><td>an SSLv2 hello refused</td></tr>
 *   <tr><td>fallback</td><td>inappropriate_fallback</td><td>TLS_FALLBACK_SCSV, alert 86</td></tr>
 *   <tr><td>client cert, certificate required, did not return a certificate</td><td>client_cert_required</td>
 *       <td>mTLS origin</td></tr>
 *   <tr><td>expired</td><td>cert_expired</td><td></td></tr>
 *   <tr><td>revoked</td><td>cert_revoked</td><td></td></tr>
 *   <tr><td>self signed, self-signed, untrusted, unknown ca, unknown_ca, incomplete chain, incomplete-chain,
 *       local issuer, verify failed, unable to verify</td><td>cert_untrusted</td><td></td></tr>
 *   <tr><td>cipher, no shared</td><td>no_shared_cipher</td><td></td></tr>
 *   <tr><td>alpn, application protocol</td><td>no_application_protocol</td><td></td></tr>
 *   <tr><td>version, protocol</td><td>protocol_version</td><td></td></tr>
 *   <tr><td>unrecognized name, unrecognized_name, sni</td><td>sni_unrecognized</td><td></td></tr>
 *   <tr><td>mismatch, hostname, bad certificate, bad_certificate, certificate unknown, unsupported certificate
 *       </td><td>cert_bad</td><td></td></tr>
 *   <tr><td>timeout, timed out</td><td>timeout</td><td></td></tr>
 *   <tr><td>reset, eof, abort, closed</td><td>peer_abort</td><td></td></tr>
 *   <tr><td>decode, decrypt</td><td>decode_error</td><td>alerts 50/51</td></tr>
 *   <tr><td>internal</td><td>internal_error</td><td>alert 80</td></tr>
 *   <tr><td>any other text naming an alert ({@code sslv3 alert handshake failure})</td><td>other_alert</td>
 *       <td>as F5 alerts without a class of their own</td></tr>
 *   <tr><td>anything else, or a bare "Yes"</td><td>unclassified</td><td>kept with its text</td></tr>
 * </table>
 */
final class NetskopeErrorTable {
    /** Longest text matched against the table; longer texts are cut (bounded time per record). */
    static final int MAX_TEXT = 512;

    /** Values that say nothing: the field was not checked or is not available. */
    private static final List<String> PLACEHOLDERS = List.of(
            "", "-", "notchecked", "not checked", "notavailable", "not available", "n/a", "na", "unknown",
            "null", "nil");

    /** Values that answer "no": checked, nothing wrong. */
    private static final List<String> NO = List.of("no", "none", "false", "0", "n");

    private static final List<String> YES = List.of("yes", "true", "1", "y");

    private record Rule(String needle, ErrorClass errorClass) {}

    private static final List<Rule> RULES = List.of(
            new Rule("wrong version number", ErrorClass.NOT_TLS),
            new Rule("not ssl", ErrorClass.NOT_TLS),
            new Rule("non-ssl", ErrorClass.NOT_TLS),
            new Rule("non ssl", ErrorClass.NOT_TLS),
            new Rule("not tls", ErrorClass.NOT_TLS),
            new Rule("http request", ErrorClass.NOT_TLS),
            new Rule("malformed", ErrorClass.NOT_TLS),
            new Rule("sslv2", ErrorClass.SSLV2_HELLO),
            new Rule("fallback", ErrorClass.INAPPROPRIATE_FALLBACK),
            new Rule("client cert", ErrorClass.CLIENT_CERT_REQUIRED),
            new Rule("certificate required", ErrorClass.CLIENT_CERT_REQUIRED),
            new Rule("did not return a certificate", ErrorClass.CLIENT_CERT_REQUIRED),
            new Rule("expired", ErrorClass.CERT_EXPIRED),
            new Rule("revoked", ErrorClass.CERT_REVOKED),
            new Rule("self signed", ErrorClass.CERT_UNTRUSTED),
            new Rule("self-signed", ErrorClass.CERT_UNTRUSTED),
            new Rule("untrusted", ErrorClass.CERT_UNTRUSTED),
            new Rule("unknown ca", ErrorClass.CERT_UNTRUSTED),
            new Rule("unknown_ca", ErrorClass.CERT_UNTRUSTED),
            new Rule("incomplete chain", ErrorClass.CERT_UNTRUSTED),
            new Rule("incomplete-chain", ErrorClass.CERT_UNTRUSTED),
            new Rule("local issuer", ErrorClass.CERT_UNTRUSTED),
            new Rule("verify failed", ErrorClass.CERT_UNTRUSTED),
            new Rule("unable to verify", ErrorClass.CERT_UNTRUSTED),
            new Rule("cipher", ErrorClass.NO_SHARED_CIPHER),
            new Rule("no shared", ErrorClass.NO_SHARED_CIPHER),
            new Rule("alpn", ErrorClass.NO_APPLICATION_PROTOCOL),
            new Rule("application protocol", ErrorClass.NO_APPLICATION_PROTOCOL),
            new Rule("version", ErrorClass.PROTOCOL_VERSION),
            new Rule("protocol", ErrorClass.PROTOCOL_VERSION),
            new Rule("unrecognized name", ErrorClass.SNI_UNRECOGNIZED),
            new Rule("unrecognized_name", ErrorClass.SNI_UNRECOGNIZED),
            new Rule("sni", ErrorClass.SNI_UNRECOGNIZED),
            new Rule("mismatch", ErrorClass.CERT_BAD),
            new Rule("hostname", ErrorClass.CERT_BAD),
            new Rule("bad certificate", ErrorClass.CERT_BAD),
            new Rule("bad_certificate", ErrorClass.CERT_BAD),
            new Rule("certificate unknown", ErrorClass.CERT_BAD),
            new Rule("unsupported certificate", ErrorClass.CERT_BAD),
            new Rule("timeout", ErrorClass.TIMEOUT),
            new Rule("timed out", ErrorClass.TIMEOUT),
            new Rule("reset", ErrorClass.PEER_ABORT),
            new Rule("eof", ErrorClass.PEER_ABORT),
            new Rule("abort", ErrorClass.PEER_ABORT),
            new Rule("closed", ErrorClass.PEER_ABORT),
            new Rule("decode", ErrorClass.DECODE_ERROR),
            new Rule("decrypt", ErrorClass.DECODE_ERROR),
            new Rule("internal", ErrorClass.INTERNAL_ERROR));

    /**
     * The remote server's certificate flags ({@code x-r-cert-*}, "r" = remote): a {@code Yes} describes the
     * origin's certificate as Netskope, the TLS client on the server side, saw it. Most specific first.
     */
    enum CertFlag {
        EXPIRED("x-r-cert-expired", ErrorClass.CERT_EXPIRED),
        REVOKED("x-r-cert-revoked", ErrorClass.CERT_REVOKED),
        UNTRUSTED_ROOT("x-r-cert-untrusted-root", ErrorClass.CERT_UNTRUSTED),
        SELF_SIGNED("x-r-cert-self-signed", ErrorClass.CERT_UNTRUSTED),
        INCOMPLETE_CHAIN("x-r-cert-incomplete-chain", ErrorClass.CERT_UNTRUSTED),
        MISMATCH("x-r-cert-mismatch", ErrorClass.CERT_BAD);

        private final String field;
        private final ErrorClass errorClass;

        CertFlag(String field, ErrorClass errorClass) {
            this.field = field;
            this.errorClass = errorClass;
        }

        String field() {
            return field;
        }

        ErrorClass errorClass() {
            return errorClass;
        }
    }

    private NetskopeErrorTable() {}

    /** Null, empty or {@code -}: the field is empty. */
    static boolean isEmpty(String value) {
        return value == null || value.isBlank() || "-".equals(value.strip());
    }

    /**
     * Empty, or a word that reports nothing ({@code NotChecked}, {@code NotAvailable}, {@code N/A}...): the
     * field carries no information.
     */
    static boolean isPlaceholder(String value) {
        return isEmpty(value) || inList(value, PLACEHOLDERS);
    }

    /** {@code No}, {@code None}, {@code false}, {@code 0}: a check that found nothing wrong. */
    static boolean isNo(String value) {
        return value != null && inList(value, NO);
    }

    /** A value that states something: neither a placeholder nor "no". */
    static boolean isValue(String value) {
        return !isPlaceholder(value) && !isNo(value);
    }

    /** {@code Yes}, {@code true}, {@code 1}: a flag that is set. */
    static boolean isYes(String value) {
        return value != null && inList(value, YES);
    }

    private static boolean inList(String value, List<String> words) {
        String v = value.strip();
        return v.length() <= 16 && words.contains(v.toLowerCase(Locale.ROOT));
    }

    /** The class an error text names; {@link ErrorClass#UNCLASSIFIED} when no rule matches (or for "Yes"). */
    static ErrorClass fromText(String text) {
        if (text == null) {
            return ErrorClass.UNCLASSIFIED;
        }
        String t = (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text).toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (t.contains(rule.needle())) {
                return rule.errorClass();
            }
        }
        // an alert the rules above do not name ("sslv3 alert handshake failure", "tlsv1 alert access denied")
        return t.contains("alert") ? ErrorClass.OTHER_ALERT : ErrorClass.UNCLASSIFIED;
    }

    /**
     * The class of an error text on the server side (Netskope → origin). OpenSSL writes an alert received from the
     * peer as {@code sslv3 alert <name>} / {@code tlsv1 alert <name>} / {@code tlsv13 alert <name>}; there the peer
     * is the origin, and a certificate alert from a server refuses the client's certificate, Netskope's: the
     * origin's mTLS ({@code client_cert_rejected}, DESIGN §7), as a received alert is read for F5.
     */
    static ErrorClass fromOriginText(String text) {
        ErrorClass c = fromText(text);
        boolean certificate = c == ErrorClass.CERT_BAD || c == ErrorClass.CERT_UNTRUSTED
                || c == ErrorClass.CERT_EXPIRED || c == ErrorClass.CERT_REVOKED;
        return certificate && isReceivedAlert(text) ? ErrorClass.CLIENT_CERT_REJECTED : c;
    }

    /** OpenSSL's wording of an alert received from the peer. */
    static boolean isReceivedAlert(String text) {
        String t = (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text).toLowerCase(Locale.ROOT);
        return t.contains("sslv3 alert ") || t.contains("tlsv1 alert ") || t.contains("tlsv13 alert ");
    }
}
