package io.tlswatch.processors.decode;

import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.IpText;

/**
 * One side of a connection as F5 prints it: {@code 10.1.1.1:443}, {@code 10.1.1.1%2:443} (route domain),
 * IPv6 without brackets ({@code 2001:db8::1:443}, split on the last colon) or with them
 * ({@code [2001:db8::1]:443}), and the dot-port form of 01260026 ({@code 10.1.1.1.443}).
 */
record Endpoint(String ip, int port, Integer routeDomain) {
    private static final int MAX_ROUTE_DOMAIN = HostPort.MAX_ROUTE_DOMAIN;

    /** Parses {@code addr:port}; null when the text is not an endpoint. */
    static Endpoint colonPort(String s) {
        return colonPort(s, 0, s.length());
    }

    /** Parses {@code addr:port} in {@code s[from, to)}, blanks around it ignored; null when it is not an endpoint. */
    static Endpoint colonPort(String s, int from, int to) {
        from = skipBlanks(s, from, to);
        to = trimBlanks(s, from, to);
        return split(s, from, to, s.lastIndexOf(':', to - 1));
    }

    /** Parses {@code addr.port} (01260026) in {@code s[from, to)}; null when it is not an endpoint. */
    static Endpoint dotPort(String s, int from, int to) {
        from = skipBlanks(s, from, to);
        to = trimBlanks(s, from, to);
        return split(s, from, to, s.lastIndexOf('.', to - 1));
    }

    /** Only the address becomes a String, once it is known to be one. */
    private static Endpoint split(String s, int from, int to, int sep) {
        if (sep <= from || sep >= to - 1) {
            return null;
        }
        int port = parsePort(s, sep + 1, to);
        if (port < 0) {
            return null;
        }
        int start = from;
        int end = sep;
        if (end - start > 2 && s.charAt(start) == '[' && s.charAt(end - 1) == ']') {
            start++;
            end--;
        }
        Integer routeDomain = null;
        int percent = s.indexOf('%', start);
        if (percent >= 0 && percent < end) {
            int rd = parseUnsigned(s, percent + 1, end, MAX_ROUTE_DOMAIN);
            if (rd < 0) {
                return null;
            }
            routeDomain = rd;
            end = percent;
        }
        // the address in its one text form (RFC 5952 for IPv6), as packets and the inventory write it
        String ip = IpText.canonical(s, start, end);
        return ip != null ? new Endpoint(ip, port, routeDomain) : null;
    }

    private static int skipBlanks(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimBlanks(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    static int parsePort(CharSequence s, int from, int to) {
        return Decimals.parse(s, from, to, 65535);
    }

    /** A decimal number in {@code s[from,to)} no larger than {@code max}, or -1 ({@link Decimals}). */
    static int parseUnsigned(CharSequence s, int from, int to, int max) {
        return Decimals.parse(s, from, to, max);
    }
}
