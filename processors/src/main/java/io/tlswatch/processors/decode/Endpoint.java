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

    static boolean isAddress(String a) {
        return IpAddresses.isAddress(a);
    }
}
