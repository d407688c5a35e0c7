package io.tlswatch.schemas;

import java.util.List;

/**
 * What a TLS server presented to {@code tlswatch probe}, or to the pipeline's opt-in probe when an alert fired
 * (on {@code tlswatch.probes}, keyed by the alert's dedup key).
 *
 * @param target      the {@code host:port} probed, as given (an IPv6 address in brackets)
 * @param address     the address connected to; null when the name did not resolve
 * @param port        the port connected to
 * @param probedAt    when the probe started, ISO-8601
 * @param durationMs  how long it took, all connections included
 * @param error       one line when the server gave no TLS answer at all (name unresolved, connection refused or
 *                    timed out, not TLS) or when it was not probed (rate limit); null when it answered
 * @param names       one check per SNI tried (one with a null SNI when none was sent)
 * @param versions    TLS 1.0, 1.1, 1.2 and 1.3, each offered alone
 * @param ciphers     whether the server accepts any of the clients' offered cipher suites; null when none given
 * @param problems    short findings (expired certificate, missing intermediate, SAN mismatch, no shared cipher);
 *                    empty when nothing is wrong
 * @param alertKey    pipeline only: the dedup key of the alert whose firing started the probe
 * @param observer    pipeline only: the BIG-IP of that alert
 * @param vip         pipeline only: the VIP ({@code address[%rd]:port}) of that alert
 * @param errorClass  pipeline only: the error class of that alert
 */
public record ProbeReport(
        String target,
        String address,
        int port,
        String probedAt,
        long durationMs,
        String error,
        List<NameCheck> names,
        List<VersionCheck> versions,
        CipherCheck ciphers,
        List<String> problems,
        String alertKey,
        String observer,
        String vip,
        String errorClass) {

    /** This report as the probe of one alert. */
    public ProbeReport forAlert(String key, String alertObserver, String alertVip, String alertClass) {
        return new ProbeReport(target, address, port, probedAt, durationMs, error, names, versions, ciphers, problems,
                key, alertObserver, alertVip, alertClass);
    }

    /**
     * One handshake with one SNI, its certificate chain seen through a trust-all manager and then validated apart.
     *
     * @param sni                 the SNI sent; null for none
     * @param error               why the handshake failed (the chain may still be known); null when it completed
     * @param protocol            the negotiated version ({@code TLSv1.3}); null when the handshake failed
     * @param cipher              the negotiated cipher suite; null when the handshake failed
     * @param chain               the certificates as presented, in their order
     * @param trusted             whether the chain validates (PKIX) to the JDK's trust store or a given CA file
     * @param trustError          why it does not; null when trusted
     * @param missingIntermediate the last certificate of the chain's path is issued by a certificate neither
     *                            presented nor trusted here: an intermediate not sent, or a CA not known here
     * @param missingIssuer       that issuer's name; null when nothing is missing
     * @param sanMatch            whether a SAN matches the SNI (RFC 6125); null when no SNI was sent or no chain seen
     */
    public record NameCheck(
            String sni,
            String error,
            String protocol,
            String cipher,
            List<Certificate> chain,
            Boolean trusted,
            String trustError,
            Boolean missingIntermediate,
            String missingIssuer,
            Boolean sanMatch) {}

    /**
     * One certificate as presented.
     *
     * @param subject     the subject DN (RFC 2253)
     * @param issuer      the issuer DN (RFC 2253)
     * @param notBefore   start of validity, ISO-8601
     * @param notAfter    end of validity, ISO-8601
     * @param expired     not after is in the past at probe time
     * @param notYetValid not before is in the future at probe time
     * @param selfSigned  issued by itself (a root)
     * @param san         the DNS names and IP addresses of its subjectAltName
     * @param sha256      the SHA-256 fingerprint, hex
     */
    public record Certificate(
            String subject,
            String issuer,
            String notBefore,
            String notAfter,
            boolean expired,
            boolean notYetValid,
            boolean selfSigned,
            List<String> san,
            String sha256) {}

    /**
     * One protocol version offered alone in a ClientHello written by tlswatch (the JDK disables TLS 1.0 and 1.1).
     *
     * @param version  {@code 1.0}, {@code 1.1}, {@code 1.2} or {@code 1.3}
     * @param accepted the server answered with a ServerHello (or a HelloRetryRequest) of that version
     * @param detail   what it answered: {@code ServerHello TLS 1.2, TLS_…} (a lower version than offered refuses
     *                 the one offered), {@code alert 70 protocol_version}, a closed
     *                 connection, a timeout
     */
    public record VersionCheck(String version, boolean accepted, String detail) {}

    /**
     * The clients' cipher suites offered in ClientHellos written by tlswatch (TLS 1.3 suites in a TLS 1.3 hello,
     * the others in a TLS 1.2 one).
     *
     * @param offered  the suites offered, IANA names
     * @param unknown  names given that are no known suite (not offered)
     * @param accepted the server chose one of them
     * @param chosen   the suite it chose; null when none
     * @param version  the version of that ServerHello; null when none
     * @param detail   what the server answered to each hello
     */
    public record CipherCheck(
            List<String> offered,
            List<String> unknown,
            boolean accepted,
            String chosen,
            String version,
            String detail) {}
}
