package io.tlswatch.processors.classify;

import java.util.Locale;

/**
 * Why a handshake failed: the bounded taxonomy of DESIGN §7. Each class carries the next diagnostic step
 * from the F5 troubleshooting practice this product automates.
 */
public enum ErrorClass {
    PROTOCOL_VERSION("TLS versions enabled in the client-ssl profile vs the versions the clients offer; "
            + "openssl s_client -connect VIP:PORT -servername SNI -tls1_2",
            "TLS versions the server accepts vs the versions offered to it; "
            + "openssl s_client -connect VIP:PORT -servername SNI -tls1_2"),
    NO_SHARED_CIPHER("cipher string of the client-ssl profile vs the ciphers the clients offer",
            "cipher suites the server accepts vs the ones offered to it"),
    INAPPROPRIATE_FALLBACK("a client retrying with a lower version: look at the first failure of that client"),
    CERT_UNTRUSTED("import the full chain (intermediates) on the client-ssl profile",
            "server side: the server must send its full chain (intermediates) from a CA the proxy trusts; "
            + "client side: the clients must trust the proxy's re-signing CA"),
    CERT_EXPIRED("renew the certificate on the client-ssl profile; "
            + "openssl s_client -connect VIP:PORT -servername SNI | openssl x509 -noout -enddate",
            "the server's certificate expired: its owner renews it; "
            + "openssl s_client -connect VIP:PORT -servername SNI | openssl x509 -noout -enddate"),
    CERT_BAD("CN/SAN vs SNI, key usage; openssl s_client -connect VIP:PORT -servername SNI -showcerts"),
    CERT_REVOKED("CRL/OCSP state of the certificate"),
    SNI_UNRECOGNIZED("SNI list of the client-ssl profiles; the default profile's certificate",
            "the host names the server answers for vs the SNI asked of it"),
    NO_APPLICATION_PROTOCOL("ALPN offered (h2/http1.1) vs the profile",
            "ALPN offered (h2/http1.1) vs what the server accepts"),
    CLIENT_CERT_REQUIRED("mTLS: clients must send a certificate; check the trusted CA list sent in CertificateRequest"),
    CLIENT_CERT_REJECTED("mTLS: trusted CA list, CRL/OCSP and validity of the client certificate"),
    NOT_TLS("clients using http:// on the TLS port, port mismatch (:80 -> :443), health monitors"),
    PROXY_PROTOCOL_MISMATCH("make both ends agree on PROXY protocol"),
    SSLV2_HELLO("legacy client or scanner sending an SSLv2 hello"),
    TPS_LIMIT("licensed SSL TPS exhausted: capacity", "the server refuses handshakes: its capacity"),
    PEER_ABORT("middleboxes, client timeouts, packet loss: capture both sides"),
    TIMEOUT("network latency, retransmissions: capture both sides"),
    DECODE_ERROR("BIG-IP or client bug: collect a capture", "server, proxy or client bug: collect a capture"),
    INTERNAL_ERROR("BIG-IP or client bug: collect a capture", "server, proxy or client bug: collect a capture"),
    OTHER_ALERT("an uncommon alert: collect a capture"),
    UNCLASSIFIED("an SSL message without a known reason: read the raw F5 lines",
            "a failure without a known reason: read the proxy's record");

    private final String hint;
    private final String proxyHint;
    private final String wireName;

    ErrorClass(String hint) {
        this(hint, hint);
    }

    ErrorClass(String hint, String proxyHint) {
        this.hint = hint;
        this.proxyHint = proxyHint;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** The wire name: lower snake case, as in the ECS record and the alert dedup key. */
    public String wireName() {
        return wireName;
    }

    /** The next step on a BIG-IP. */
    public String hint() {
        return hint;
    }

    /**
     * The next step when a forward proxy (a Netskope export) saw the failure: the server is someone's origin, with
     * no BIG-IP profile to name; the same text as {@link #hint()} where that names no BIG-IP.
     */
    public String proxyHint() {
        return proxyHint;
    }

    /** {@link #proxyHint()} when a forward proxy saw the failure, else {@link #hint()}. */
    public String hint(boolean proxy) {
        return proxy ? proxyHint : hint;
    }

    /** Parses a wire name; unknown names become {@link #UNCLASSIFIED} rather than failing a record. */
    public static ErrorClass fromWireName(String name) {
        if (name != null) {
            for (ErrorClass c : values()) {
                if (c.wireName().equals(name)) {
                    return c;
                }
            }
        }
        return UNCLASSIFIED;
    }
}
