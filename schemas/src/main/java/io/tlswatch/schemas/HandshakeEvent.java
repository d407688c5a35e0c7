package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One piece of evidence about one handshake, decoded from one F5 log line (later also from packets and
 * iRule lines). Several events about the same connection are joined into a {@link HandshakeOutcome}.
 *
 * @param observer       the BIG-IP host name from the syslog header (or Telemetry Streaming hostname)
 * @param timestampMs    event time from the log line (year and zone inferred), epoch milliseconds
 * @param process        the TMM thread that wrote the line ({@code tmm}, {@code tmm1}, ...)
 * @param pid            process id; TMM threads of one BIG-IP share it
 * @param msgid          F5 message id, 8 hex digits ({@code 01260013})
 * @param kind           what the message says (see {@link Kind})
 * @param transport      {@code tcp} or {@code udp}; null when the line carries no address
 * @param clientIp       source address without route domain; null when the line carries no address
 * @param clientPort     source port
 * @param serverIp       destination (VIP) address without route domain
 * @param serverPort     destination port
 * @param routeDomain    the {@code %N} route domain, null for the default domain
 * @param func           F5 function that reported the error ({@code ssl_select_suite}), if any
 * @param reason         F5 reason text ({@code no shared ciphers}), if any
 * @param alertCode      TLS alert number, if the line names one
 * @param alertReceived  true when the alert came from the peer ({@code alert(46) received}), false when
 *                       the BIG-IP sent it ({@code (40)}), null without an alert
 * @param errorClass     the class this line alone supports (DESIGN §7)
 * @param line           the original log line, for evidence
 * @param source         who reported it: {@code f5} (BIG-IP logs) or {@code netskope} (proxy WebTx logs)
 * @param vipName        the virtual server's name when the line names it (iRule lines, TS events)
 * @param side           {@code client} (client to VIP / proxy) or {@code server} (to the origin or pool
 *                       member) when the source says so, else null
 * @param tls            what the source says about the handshake itself (iRule and proxy lines), or null
 * @param timestampAdjusted true when the line's own time was unusable (missing, or more than an hour in the
 *                       future: a zone mistake) and the record time was used instead
 */
public record HandshakeEvent(
        String observer,
        long timestampMs,
        String process,
        Integer pid,
        String msgid,
        Kind kind,
        String transport,
        String clientIp,
        Integer clientPort,
        String serverIp,
        Integer serverPort,
        Integer routeDomain,
        String func,
        String reason,
        Integer alertCode,
        Boolean alertReceived,
        String errorClass,
        String line,
        String source,
        String vipName,
        String side,
        TlsFacts tls,
        Boolean timestampAdjusted) {

    /** The F5 source of a line (the default) and the proxy source. */
    public static final String SOURCE_F5 = "f5";

    public static final String SOURCE_NETSKOPE = "netskope";

    /**
     * Handshake facts some sources state outright: the JA4 iRule, the SSL-dump iRule (offered and
     * negotiated ciphers), proxy logs (version, cipher, JA3/JA3S, SNI).
     *
     * @param offeredCiphers cipher suites the client offered, as printed (hex codes or names)
     */
    public record TlsFacts(
            String sni,
            String version,
            String cipher,
            java.util.List<String> offeredCiphers,
            String ja3,
            String ja3s,
            String ja4) {}

    /** What an SSL log message reports. */
    public enum Kind {
        /** 01260013: a failure with addresses and no reason. */
        HANDSHAKE_FAILED,
        /** 01260009: a reason (and an alert), with or without addresses. */
        CONNECTION_ERROR,
        /** 01260026: no shared ciphers, with addresses. */
        NO_SHARED_CIPHERS,
        /** 01260008: the licensed SSL TPS limit refused handshakes. */
        TPS_LIMIT,
        /** any other 0126xxxx message: kept with msgid and text. */
        OTHER_SSL,
        /** the JA4 iRule: {@code JA4=<fingerprint> src=<ip>:<port>} (enrichment, not a failure). */
        IRULE_JA4,
        /** the SSL-dump iRule: the cipher suites a client offered (enrichment). */
        IRULE_CIPHERS_OFFERED,
        /** the SSL-dump iRule: the cipher suite a handshake negotiated (a success). */
        IRULE_CIPHER_NEGOTIATED,
        /** a proxy transaction (Netskope WebTx) with its TLS fields: a failure or a success. */
        PROXY_TLS
    }

    /**
     * Whether this event is an iRule line (JA4, offered or negotiated ciphers) that describes a handshake of a
     * known client, to be attached to that connection's outcome.
     */
    @JsonIgnore
    public boolean isConnectionEnrichment() {
        return (kind == Kind.IRULE_JA4 || kind == Kind.IRULE_CIPHERS_OFFERED || kind == Kind.IRULE_CIPHER_NEGOTIATED)
                && clientIp != null && tls != null;
    }

    /**
     * Whether this event says a handshake failed (F5 SSL messages, proxy errors), as opposed to enrichment
     * (JA4, offered or negotiated ciphers) that only describes a handshake.
     */
    @JsonIgnore
    public boolean isFailureEvidence() {
        return switch (kind) {
            case HANDSHAKE_FAILED, CONNECTION_ERROR, NO_SHARED_CIPHERS, TPS_LIMIT, OTHER_SSL -> true;
            case PROXY_TLS -> errorClass != null;
            default -> false;
        };
    }

    @JsonIgnore
    public boolean hasAddresses() {
        return clientIp != null && serverIp != null && clientPort != null && serverPort != null;
    }
}
