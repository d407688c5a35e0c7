package io.tlswatch.app.probe;

import java.util.regex.Pattern;

/**
 * Which names may go out as SNI: a DNS host name (RFC 6066 §3: no IP literal, no trailing dot), ASCII as
 * certificates and SNI carry it. The pipeline takes its SNIs from what clients sent, so it filters them here.
 */
public final class SniNames {
    /** Labels of letters, digits, hyphens and underscores (seen in real SNIs), 1..63 each, 253 in all. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*");
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    private SniNames() {}

    /** Why {@code name} cannot be sent as SNI; null when it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "an empty name";
        }
        if (!HOST.matcher(name).matches()) {
            return "'" + name + "' is not a host name (letters, digits, '-', '_' and dots; no trailing dot)";
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
