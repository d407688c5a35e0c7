package io.tlswatch.app.probe;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate's DNS names cover a host name, by the rules of RFC 6125 §6.4 (kept by RFC 9525): names
 * compare case-insensitively as A-labels, a trailing dot ignored; a wildcard is only the whole left-most label
 * ({@code *.example.com}), stands for exactly one label (not {@code example.com}, not {@code a.b.example.com}) and
 * needs two labels after it ({@code *.com} matches nothing). Partial-label wildcards ({@code w*.example.com}),
 * which RFC 6125 §6.4.3 leaves to the client and browsers refuse, match nothing. The subject CN is not consulted
 * (RFC 6125 §6.4.4: only when a certificate has no DNS name at all, which public CAs no longer issue).
 */
final class SanMatch {
    private SanMatch() {}

    /** Whether any of {@code dnsNames} matches {@code host}. */
    static boolean matches(String host, List<String> dnsNames) {
        String ref = normalise(host);
        if (ref == null) {
            return false;
        }
        for (String name : dnsNames) {
            if (matchesOne(ref, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesOne(String ref, String presented) {
        String p = normalise(presented);
        if (p == null) {
            return false;
        }
        if (p.indexOf('*') < 0) {
            return p.equals(ref);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String rest = p.substring(2);
        int dot = ref.indexOf('.');
        return rest.indexOf('.') > 0 && dot > 0 && ref.substring(dot + 1).equals(rest);
    }

    /** Lower case A-labels without a trailing dot; null for no name. */
    static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty()) {
            return null;
        }
        try {
            // U-labels (bücher.example) compare as the A-labels certificates carry (xn--bcher-kva.example)
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notAName) {
            // compared as written
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
