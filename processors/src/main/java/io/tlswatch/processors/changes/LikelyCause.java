package io.tlswatch.processors.changes;

import io.tlswatch.schemas.ChangeEvent;
import java.util.List;

/**
 * Which kinds of configuration change explain which error class (issue 15): a cipher change a cipher mismatch,
 * a certificate, key or chain change the certificate classes, TLS options the version classes, an iRule or PROXY
 * change the PROXY and not-TLS classes; swapping a VIP's profiles, or creating or deleting a profile, any of the
 * server-side configuration classes.
 */
final class LikelyCause {
    private LikelyCause() {}

    /** The reason this change explains {@code errorClass}, or null. */
    static String explains(String errorClass, ChangeEvent c) {
        if (errorClass == null) {
            return null;
        }
        List<String> a = c.aspects();
        boolean swap = a.contains("profiles")
                || (a.contains("object") && (c.objectKind().endsWith("_profile")));
        return switch (errorClass) {
            case "no_shared_cipher" -> a.contains("ciphers") ? "a cipher change explains no_shared_cipher"
                    : swap ? "a profile change on the VIP explains no_shared_cipher" : null;
            case "protocol_version", "inappropriate_fallback" -> a.contains("tls_options")
                    ? "a change of the TLS version options explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null;
            case "proxy_protocol_mismatch", "not_tls" -> a.contains("proxy_protocol") || a.contains("irule")
                    ? "an iRule or PROXY change explains " + errorClass : null;
            case "sni_unrecognized" -> a.contains("sni") || a.contains("certificate")
                    ? "an SNI or certificate change explains sni_unrecognized"
                    : swap ? "a profile change on the VIP explains sni_unrecognized" : null;
            case "client_cert_required", "client_cert_rejected" -> a.contains("certificate")
                    ? "a certificate or CA change explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null;
            default -> errorClass.startsWith("cert_")
                    ? a.contains("certificate") ? "a certificate, key or chain change explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null
                    : null;
        };
    }
}
