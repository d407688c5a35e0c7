package io.tlswatch.schemas;

/**
 * How every key and id writes an endpoint: {@code address[%routeDomain]:port}, IPv6 in brackets so the
 * port stays unambiguous ({@code [2001:db8::1%2]:443}).
 */
public final class HostPort {
    private HostPort() {}

    /** @param routeDomain null for the default route domain (or already part of {@code address}) */
    public static String of(String address, Integer routeDomain, Integer port) {
        String a = routeDomain == null ? address : address + "%" + routeDomain;
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port;
    }

    /**
     * The connection id that log and packet evidence both compute:
     * {@code observer/client-ip:port->server-ip:port}, each endpoint as {@link #of}.
     */
    public static String connectionId(String observer, String clientIp, Integer clientPort, String serverIp,
            Integer serverPort, Integer routeDomain) {
        return observer + "/" + of(clientIp, routeDomain, clientPort) + "->" + of(serverIp, routeDomain, serverPort);
    }
}
