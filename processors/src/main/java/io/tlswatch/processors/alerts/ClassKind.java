package io.tlswatch.processors.alerts;

import io.tlswatch.processors.classify.ErrorClass;
import java.util.Locale;

/**
 * How an error class pages (DESIGN §9, per-class policy). Server-side configuration breaks every client of a
 * VIP at once, so small numbers page; the client population always has some legacy or broken clients, so only
 * a jump pages; noise is recorded, never paged.
 */
public enum ClassKind {
    /** Certificates, ciphers, SNI, PROXY, TPS licence, mTLS, ALPN: pages on small numbers. */
    SERVER,
    /** Legacy versions, fallbacks, odd alerts: pages on a ratio jump above the learned level. */
    CLIENT,
    /** Monitors, aborts, timeouts, garbage: recorded in the rates, never paged. */
    NOISE;

    /** The default kind of a class (the table in the README). */
    public static ClassKind defaultFor(ErrorClass c) {
        return switch (c) {
            case CERT_EXPIRED, CERT_UNTRUSTED, CERT_BAD, CERT_REVOKED, NO_SHARED_CIPHER, SNI_UNRECOGNIZED,
                    PROXY_PROTOCOL_MISMATCH, TPS_LIMIT, CLIENT_CERT_REQUIRED, CLIENT_CERT_REJECTED,
                    NO_APPLICATION_PROTOCOL -> SERVER;
            case PROTOCOL_VERSION, INAPPROPRIATE_FALLBACK, INTERNAL_ERROR, OTHER_ALERT -> CLIENT;
            case NOT_TLS, PEER_ABORT, TIMEOUT, DECODE_ERROR, UNCLASSIFIED, SSLV2_HELLO -> NOISE;
        };
    }

    public static ClassKind parse(String key, String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "server" -> SERVER;
            case "client" -> CLIENT;
            case "noise", "off" -> NOISE;
            default -> throw new IllegalArgumentException(
                    key + ": must be server, client or noise, got '" + text + "'");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
