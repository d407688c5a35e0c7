package io.tlswatch.processors.classify;

/**
 * TLS alert descriptions from the IANA "TLS Alerts" registry (RFC 8446 §6 and later additions), by number.
 * Reserved codes keep their historical names so that old stacks' alerts still read well.
 */
public final class TlsAlerts {
    private static final String[] NAMES = new String[256];

    static {
        name(0, "close_notify");
        name(10, "unexpected_message");
        name(20, "bad_record_mac");
        name(21, "decryption_failed");
        name(22, "record_overflow");
        name(30, "decompression_failure");
        name(40, "handshake_failure");
        name(41, "no_certificate");
        name(42, "bad_certificate");
        name(43, "unsupported_certificate");
        name(44, "certificate_revoked");
        name(45, "certificate_expired");
        name(46, "certificate_unknown");
        name(47, "illegal_parameter");
        name(48, "unknown_ca");
        name(49, "access_denied");
        name(50, "decode_error");
        name(51, "decrypt_error");
        name(60, "export_restriction");
        name(70, "protocol_version");
        name(71, "insufficient_security");
        name(80, "internal_error");
        name(86, "inappropriate_fallback");
        name(90, "user_canceled");
        name(100, "no_renegotiation");
        name(109, "missing_extension");
        name(110, "unsupported_extension");
        name(111, "certificate_unobtainable");
        name(112, "unrecognized_name");
        name(113, "bad_certificate_status_response");
        name(114, "bad_certificate_hash_value");
        name(115, "unknown_psk_identity");
        name(116, "certificate_required");
        name(120, "no_application_protocol");
        name(121, "ech_required");
    }

    private TlsAlerts() {}

    private static void name(int code, String name) {
        NAMES[code] = name;
    }

    /** The registry name, or {@code unassigned_N} for a number the registry does not define. */
    public static String name(int code) {
        if (code < 0 || code > 255) {
            return "invalid_" + code;
        }
        String name = NAMES[code];
        return name != null ? name : "unassigned_" + code;
    }

    public static boolean isAssigned(int code) {
        return code >= 0 && code <= 255 && NAMES[code] != null;
    }
}
