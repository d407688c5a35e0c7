package io.tlswatch.ingest.simulator;

/**
 * What goes wrong on a VIP during an {@link Incident}, and therefore which burst of {@code 0126xxxx} lines
 * each failed handshake writes (DESIGN §4). All lines of one burst come from one TMM thread in one second.
 */
public enum IncidentKind {
    /**
     * Clients refuse the VIP's expired certificate and send {@code certificate_expired} (45). Newer layout:
     * {@code 01260009 <c>:<cp> -> <v>:<vp>: Connection error: ssl_codec_rx:2314: alert(45) received alert},
     * then {@code 01260013 SSL Handshake failed for TCP <c>:<cp> -> <v>:<vp>}.
     */
    CERT_EXPIRED(Burst.CERT_EXPIRED),
    /**
     * Clients do not trust the VIP's issuer and send {@code unknown_ca} (48): same newer layout as
     * {@link #CERT_EXPIRED} with {@code alert(48) received alert}.
     */
    CERT_UNTRUSTED(Burst.CERT_UNTRUSTED),
    /**
     * Client and profile share no cipher suite. Three lines: older {@code 01260009 Connection error:
     * ssl_select_suite:<n>: no shared ciphers (40)} (no addresses), {@code 01260026 No shared ciphers between
     * SSL peers <c>.<cp>:<v>.<vp>.}, then {@code 01260013}. Clients often retry at once from the next port.
     */
    NO_SHARED_CIPHER(Burst.NO_SHARED_CIPHER),
    /**
     * Clients offer only a protocol version the profile has disabled: older {@code 01260009 Connection error:
     * ssl_hs_rxhello:10026: unsupported version (40)}, then {@code 01260013}.
     */
    PROTOCOL_VERSION(Burst.UNSUPPORTED_VERSION);

    private final Burst burst;

    IncidentKind(Burst burst) {
        this.burst = burst;
    }

    Burst burst() {
        return burst;
    }
}
