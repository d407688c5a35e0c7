package io.tlswatch.ingest.simulator.wire;

import java.util.Locale;
import java.util.Random;

/**
 * The client populations of a simulated fleet, each with the ClientHello shape of a real implementation (cipher
 * and extension order, groups, key shares, GREASE): what JA3/JA4 and the offered versions of the pipeline see.
 * The hellos follow public captures of each client family; random parts (random, session id, GREASE values,
 * Chrome's extension order, key shares) come from the caller's {@link Random}, so a seed fixes them.
 */
public enum ClientKind {
    /** Chrome 131+: GREASE in ciphers, extensions, groups and versions; X25519MLKEM768 key share; permuted extensions. */
    BROWSER_CHROME,
    /** Firefox 132+: no GREASE, X25519MLKEM768 and x25519 and P-256 key shares, record_size_limit. */
    BROWSER_FIREFOX,
    /** Java 17 {@code HttpClient}: long cipher list, signature_algorithms_cert, no ALPN. */
    JAVA,
    /** curl 8 with OpenSSL 3: encrypt_then_mac, x25519 key share, ALPN h2 and http/1.1. */
    CURL,
    /** An old client that only speaks TLS 1.0 (legacy_version 0x0301, no supported_versions). */
    LEGACY_TLS10,
    /** An internet scanner: SSLv2-format hellos. */
    SCANNER;

    static final int TLS10 = 0x0301;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;
    static final int X25519_MLKEM768 = 0x11EC;
    static final int X25519 = 0x001D;
    static final int SECP256R1 = 0x0017;

    /** The name in scenario files: {@code browser_chrome}, {@code legacy_tls10}... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a scenario file names, or null. */
    public static ClientKind fromWireName(String name) {
        for (ClientKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** Highest version the client offers. */
    int maxVersion() {
        return switch (this) {
            case LEGACY_TLS10 -> TLS10;
            case SCANNER -> 0x0002;
            default -> TLS13;
        };
    }

    /** The first bytes the client sends: one TLS record with its ClientHello (SSLv2 format for a scanner). */
    public byte[] hello(Random r, String sni) {
        return switch (this) {
            case BROWSER_CHROME -> ClientHellos.chrome(r, sni);
            case BROWSER_FIREFOX -> ClientHellos.firefox(r, sni);
            case JAVA -> ClientHellos.java(r, sni);
            case CURL -> ClientHellos.curl(r, sni);
            case LEGACY_TLS10 -> ClientHellos.legacy(r, sni);
            case SCANNER -> ClientHellos.sslv2(r);
        };
    }
}
