package io.tlswatch.processors.decode;

/**
 * One side of a connection as F5 prints it: {@code 10.1.1.1:443}, {@code 10.1.1.1%2:443} (route domain),
 * IPv6 without brackets ({@code 2001:db8::1:443}, split on the last colon) or with them
 * ({@code [2001:db8::1]:443}), and the dot-port form of 01260026 ({@code 10.1.1.1.443}).
 */
record Endpoint(String ip, int port, Integer routeDomain) {
    private static final int MAX_ROUTE_DOMAIN = 65534;

    /** Parses {@code addr:port}; null when the text is not an endpoint. */
    static Endpoint colonPort(String s) {
        return split(s, s.lastIndexOf(':'));
    }

    /** Parses {@code addr.port} (01260026); null when the text is not an endpoint. */
    static Endpoint dotPort(String s) {
        return split(s, s.lastIndexOf('.'));
    }

    private static Endpoint split(String s, int sep) {
        if (sep <= 0 || sep == s.length() - 1) {
            return null;
        }
        int port = parsePort(s, sep + 1, s.length());
        if (port < 0) {
            return null;
        }
        String address = s.substring(0, sep);
        if (address.length() > 2 && address.charAt(0) == '[' && address.charAt(address.length() - 1) == ']') {
            address = address.substring(1, address.length() - 1);
        }
        Integer routeDomain = null;
        int percent = address.indexOf('%');
        if (percent >= 0) {
            int rd = parseUnsigned(address, percent + 1, address.length(), MAX_ROUTE_DOMAIN);
            if (rd < 0) {
                return null;
            }
            routeDomain = rd;
            address = address.substring(0, percent);
        }
        return isAddress(address) ? new Endpoint(address, port, routeDomain) : null;
    }

    static int parsePort(CharSequence s, int from, int to) {
        return parseUnsigned(s, from, to, 65535);
    }

    /** A decimal number in {@code s[from,to)} no larger than {@code max}, or -1. */
    static int parseUnsigned(CharSequence s, int from, int to, int max) {
        if (from >= to || to - from > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? (int) value : -1;
    }

    /** A dotted-quad IPv4 address or an IPv6 address in RFC 4291 text form (RFC 5952 or not). */
    static boolean isAddress(String a) {
        if (a.isEmpty() || a.length() > 45) {
            return false;
        }
        return a.indexOf(':') >= 0 ? isIpv6(a) : isIpv4(a, 0, a.length());
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
            if (end - i < 1 || end - i > 3 || (end - i > 1 && a.charAt(i) == '0') || parseUnsigned(a, i, end, 255) < 0) {
                return false;
            }
            octets++;
            i = end + 1;
        }
        return octets == 4;
    }

    /** Groups of 1..4 hex digits; at most one {@code ::}; an IPv4 tail counts as two groups. */
    private static boolean isIpv6(String a) {
        int n = a.length();
        int doubleColon = a.indexOf("::");
        if (doubleColon >= 0 && a.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if ((a.charAt(0) == ':' && doubleColon != 0) || (a.charAt(n - 1) == ':' && doubleColon != n - 2)) {
            return false;
        }
        int groups = 0;
        int i = 0;
        while (i < n) {
            if (a.charAt(i) == ':') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && a.charAt(end) != ':') {
                end++;
            }
            if (end == n && a.lastIndexOf('.', n - 1) > i) {
                // trailing dotted quad (::ffff:10.0.0.1)
                if (!isIpv4(a, i, n)) {
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
