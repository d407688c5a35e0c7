package io.tlswatch.app.probe;

import java.util.regex.Pattern;

/**
 * Which names may go out as SNI: a DNS host name (RFC 6066 §3: no IP literal, no trailing dot) in letters, digits
 * and hyphens (RFC 1123), as the JDK's TLS client requires: it refuses to send anything else (an underscore, which
 * some clients do send), and JSSE servers refuse it too. The pipeline takes its SNIs from what clients sent, so it
 * filters them here and tries the next one.
 */
public final class SniNames {
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    private SniNames() {}

    /** Why {@code name} cannot be sent as SNI; null when it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "an empty name";
        }
        if (!HOST.matcher(name).matches()) {
            return "'" + name + "' is not a host name (letters, digits, '-' and dots; no trailing dot)";
        }
        if (IPV4.matcher(name).matches()) {
            return "'" + name + "' is an IP address, which SNI does not carry (RFC 6066 §3)";
        }
        return null;
    }

    public static boolean sendable(String name) {
        return problem(name) == null;
    }
}
