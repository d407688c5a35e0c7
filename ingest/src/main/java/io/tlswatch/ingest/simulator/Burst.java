package io.tlswatch.ingest.simulator;

import java.util.List;

/**
 * The lines one failed handshake writes, in F5's order (DESIGN §4). Every burst ends with
 * {@code 01260013}, the only message that always carries both addresses.
 */
enum Burst {
    /** Plain text (a TCP or HTTP probe) on a TLS port: older layout, no addresses. */
    NOT_SSL,
    /** A client offering only a disabled protocol version: older layout. */
    UNSUPPORTED_VERSION,
    /** A client that does not accept the certificate, {@code certificate_unknown} (46): newer layout. */
    CERT_UNKNOWN,
    /** {@code certificate_expired} (45) received: newer layout. */
    CERT_EXPIRED,
    /** {@code unknown_ca} (48) received: newer layout. */
    CERT_UNTRUSTED,
    /** No common cipher suite: older 01260009, then 01260026, then 01260013. */
    NO_SHARED_CIPHER,
    /**
     * The profile requires SNI and no profile serves the client's name: the BIG-IP sends
     * {@code unrecognized_name} (112). Newer layout, alert sent (no public sample: modelled on the layout of
     * the others).
     */
    SNI_UNRECOGNIZED,
    /**
     * mTLS: the client's certificate does not chain to the profile's trusted CAs; the BIG-IP sends
     * {@code unknown_ca} (48). Newer layout, alert sent (no public sample: modelled as {@link #SNI_UNRECOGNIZED}).
     */
    CLIENT_CERT_REJECTED,
    /** The licensed SSL TPS is used up: one {@code 01260008} line per refused handshake, no addresses. */
    TPS_LIMIT,
    /**
     * A scanner's malformed ClientHello, refused with {@code decode_error} (50): older layout, no addresses (no
     * public sample: modelled on {@link #UNSUPPORTED_VERSION}).
     */
    MALFORMED_HELLO,
    /**
     * A client that goes away mid-handshake: the BIG-IP only says the handshake failed, one {@code 01260013} (as in
     * the real line 6 of {@code shared/data/f5/real-lines.jsonl}).
     */
    PEER_RESET;

    static final String CONNECTION_ERROR = "01260009";
    static final String NO_SHARED_CIPHERS = "01260026";
    static final String HANDSHAKE_FAILED = "01260013";
    static final String TPS_LIMIT_REACHED = "01260008";

    /** One line's message part, after the envelope. */
    record Message(String msgid, int level, String text) {}

    /**
     * The messages of this burst for {@code c}. {@code selectSuiteLine} is the source line number of
     * {@code ssl_select_suite} in the host's build: it differs between BIG-IP versions (8181, 9301).
     */
    List<Message> messages(Connection c, int selectSuiteLine) {
        Message failed = warning(HANDSHAKE_FAILED, "SSL Handshake failed for TCP " + c.arrow());
        return switch (this) {
            case NOT_SSL -> List.of(warning(CONNECTION_ERROR, "Connection error: ssl_passthru:5234: not SSL (40)"),
                    failed);
            case UNSUPPORTED_VERSION -> List.of(warning(CONNECTION_ERROR,
                    "Connection error: ssl_hs_rxhello:10026: unsupported version (40)"), failed);
            case CERT_UNKNOWN -> List.of(alertReceived(c, 46), failed);
            case CERT_EXPIRED -> List.of(alertReceived(c, 45), failed);
            case CERT_UNTRUSTED -> List.of(alertReceived(c, 48), failed);
            case NO_SHARED_CIPHER -> List.of(
                    warning(CONNECTION_ERROR,
                            "Connection error: ssl_select_suite:" + selectSuiteLine + ": no shared ciphers (40)"),
                    warning(NO_SHARED_CIPHERS, "No shared ciphers between SSL peers " + c.dotted() + "."),
                    failed);
            case SNI_UNRECOGNIZED -> List.of(alertSent(c, "ssl_hs_rxhello:10118: unrecognized name (112)"), failed);
            case CLIENT_CERT_REJECTED -> List.of(
                    alertSent(c, "ssl_hs_vfy_vfyresult:12965: unable to get local issuer certificate (48)"), failed);
            case TPS_LIMIT -> List.of(new Message(TPS_LIMIT_REACHED, SyslogEnvelope.ERR,
                    "SSL transaction (TPS) rate limit reached"));
            case MALFORMED_HELLO -> List.of(warning(CONNECTION_ERROR,
                    "Connection error: ssl_hs_rxhello:10041: malformed client hello (50)"), failed);
            case PEER_RESET -> List.of(failed);
        };
    }

    /** The class tlswatch gives this burst from the F5 lines alone (DESIGN §7); packets may refine it. */
    String linesClass() {
        return switch (this) {
            case NOT_SSL -> "not_tls";
            case UNSUPPORTED_VERSION -> "protocol_version";
            case CERT_UNKNOWN -> "cert_bad";
            case CERT_EXPIRED -> "cert_expired";
            case CERT_UNTRUSTED -> "cert_untrusted";
            case NO_SHARED_CIPHER -> "no_shared_cipher";
            case SNI_UNRECOGNIZED -> "sni_unrecognized";
            case CLIENT_CERT_REJECTED -> "client_cert_rejected";
            case TPS_LIMIT -> "tps_limit";
            case MALFORMED_HELLO -> "decode_error";
            case PEER_RESET -> "unclassified";
        };
    }

    private static Message alertSent(Connection c, String funcLineReason) {
        return warning(CONNECTION_ERROR, c.arrow() + ": Connection error: " + funcLineReason);
    }

    private static Message alertReceived(Connection c, int alert) {
        return warning(CONNECTION_ERROR,
                c.arrow() + ": Connection error: ssl_codec_rx:2314: alert(" + alert + ") received alert");
    }

    private static Message warning(String msgid, String text) {
        return new Message(msgid, SyslogEnvelope.WARNING, text);
    }
}
