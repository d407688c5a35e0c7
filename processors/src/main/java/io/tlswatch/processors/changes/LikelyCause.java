package io.tlswatch.processors.changes;

import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.ChangeEvent.Aspects;
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
        boolean swap = a.contains(Aspects.PROFILES)
                || (a.contains(Aspects.OBJECT) && (c.objectKind().endsWith("_profile")));
        return switch (errorClass) {
            case "no_shared_cipher" -> a.contains(Aspects.CIPHERS) ? "a cipher change explains no_shared_cipher"
                    : swap ? "a profile change on the VIP explains no_shared_cipher" : null;
            case "protocol_version", "inappropriate_fallback" -> a.contains(Aspects.TLS_OPTIONS)
                    ? "a change of the TLS version options explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null;
            case "proxy_protocol_mismatch", "not_tls" -> a.contains(Aspects.PROXY_PROTOCOL) || a.contains(Aspects.IRULE)
                    ? "an iRule or PROXY change explains " + errorClass : null;
            case "sni_unrecognized" -> a.contains(Aspects.SNI) || a.contains(Aspects.CERTIFICATE)
                    ? "an SNI or certificate change explains sni_unrecognized"
                    : swap ? "a profile change on the VIP explains sni_unrecognized" : null;
            case "client_cert_required", "client_cert_rejected" -> a.contains(Aspects.CERTIFICATE)
                    ? "a certificate or CA change explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null;
            default -> errorClass.startsWith("cert_")
                    ? a.contains(Aspects.CERTIFICATE) ? "a certificate, key or chain change explains " + errorClass
                    : swap ? "a profile change on the VIP explains " + errorClass : null
                    : null;
        };
    }
}
