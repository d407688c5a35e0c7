package io.tlswatch.processors.decode;

/**
 * IP address text as F5 and proxies print it: dotted-quad IPv4 without leading zeros, IPv6 in RFC 4291
 * text form. Shared by every decoder so that one address means the same everywhere.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** A dotted-quad IPv4 address or an IPv6 address in RFC 4291 text form (RFC 5952 or not). */
    public static boolean isAddress(String a) {
        return isAddress(a, 0, a.length());
    }

    /** {@link #isAddress(String)} for {@code a[from, to)}. */
    public static boolean isAddress(String a, int from, int to) {
        if (to <= from || to - from > 45) {
            return false;
        }
        int colon = a.indexOf(':', from);
        return colon >= 0 && colon < to ? isIpv6(a, from, to) : isIpv4(a, from, to);
    }

    /** Four decimal octets 0..255 separated by dots, without leading zeros (ambiguous: octal or decimal?). */
    private static boolean isIpv4(String a, int from, int to) {
        int octets = 0;
        int i = from;
        while (i <= to) {
            int end = i;
            while (end < to && a.charAt(end) != '.') {
                end++;
            }
            if (end - i < 1 || end - i > 3 || (end - i > 1 && a.charAt(i) == '0') || Endpoint.parseUnsigned(a, i, end, 255) < 0) {
                return false;
            }
            octets++;
            i = end + 1;
        }
        return octets == 4;
    }

    /** Groups of 1..4 hex digits; at most one {@code ::}; an IPv4 tail counts as two groups. */
    private static boolean isIpv6(String a, int from, int to) {
        int doubleColon = -1;
        for (int i = from; i + 1 < to; i++) {
            if (a.charAt(i) == ':' && a.charAt(i + 1) == ':') {
                if (doubleColon >= 0) {
                    return false;
                }
                doubleColon = i;
            }
        }
        if ((a.charAt(from) == ':' && doubleColon != from) || (a.charAt(to - 1) == ':' && doubleColon != to - 2)) {
            return false;
        }
        int groups = 0;
        int i = from;
        while (i < to) {
            if (a.charAt(i) == ':') {
                i++;
                continue;
            }
            int end = i;
            boolean dotted = false;
            while (end < to && a.charAt(end) != ':') {
                dotted |= a.charAt(end) == '.';
                end++;
            }
            if (end == to && dotted) {
                // trailing dotted quad (::ffff:10.0.0.1)
                if (!isIpv4(a, i, to)) {
                    return false;
                }
                groups += 2;
            } else {
                if (end - i > 4) {
                    return false;
                }
                for (int j = i; j < end; j++) {
                    char c = a.charAt(j);
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                        return false;
                    }
                }
                groups++;
            }
            i = end;
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
