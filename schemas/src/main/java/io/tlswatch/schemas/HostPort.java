package io.tlswatch.schemas;

/**
 * How every key and id writes an endpoint: {@code address[%routeDomain]:port}, IPv6 in brackets so the
 * port stays unambiguous ({@code [2001:db8::1%2]:443}). The address is written in its one canonical form
 * ({@link IpText}: RFC 5952 for IPv6) and the default route domain {@code %0} is left out, as BIG-IP logs it,
 * so that the same endpoint read from a log line, a capture, the system poller or a CSV gives the same key.
 */
public final class HostPort {
    /** TMOS route domain ids are 0..65534; 0 is the default one. */
    public static final int MAX_ROUTE_DOMAIN = 65534;

    private HostPort() {}

    /**
     * @param address     an IP address, possibly with its {@code %N} route domain; text that is not an address is
     *                    written as given
     * @param routeDomain null for the default route domain (or when it is part of {@code address})
     */
    public static String of(String address, Integer routeDomain, Integer port) {
        String a = address;
        Integer rd = routeDomain;
        int percent = a.indexOf('%');
        if (percent >= 0) {
            int embedded = Decimals.parse(a, percent + 1, a.length(), MAX_ROUTE_DOMAIN);
            if (embedded >= 0) {
                rd = rd != null ? rd : embedded;
                a = a.substring(0, percent);
            }
        }
        String canonical = IpText.canonical(a);
        if (canonical != null) {
            a = canonical;
        }
        if (rd != null && rd != 0) {
            a = a + "%" + rd;
        }
        return hostText(a) + ":" + port;
    }

    /** A host as it is written before {@code :port} (URLs, keys, messages): an IPv6 address in brackets. */
    public static String hostText(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * The connection id that log and packet evidence both compute:
     * {@code observer/client-ip:port->server-ip:port}, each endpoint as {@link #of}.
     */
    public static String connectionId(String observer, String clientIp, Integer clientPort, String serverIp,
            Integer serverPort, Integer routeDomain) {
        return observer + "/" + of(clientIp, routeDomain, clientPort) + "->" + of(serverIp, routeDomain, serverPort);
    }

    /**
     * The four-tuple part of a connection id: without the {@code #2}, {@code #3} a capture gives to a later
     * connection on the same addresses and ports. F5 lines cannot tell those apart, so they join on this.
     */
    public static String fourTupleOf(String connectionId) {
        int hash = connectionId.lastIndexOf('#');
        if (hash < 0 || hash == connectionId.length() - 1) {
            return connectionId;
        }
        for (int i = hash + 1; i < connectionId.length(); i++) {
            if (connectionId.charAt(i) < '0' || connectionId.charAt(i) > '9') {
                return connectionId;
            }
        }
        return connectionId.substring(0, hash);
    }
}
