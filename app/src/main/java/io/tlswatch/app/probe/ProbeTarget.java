package io.tlswatch.app.probe;

import io.tlswatch.schemas.HostPort;

/**
 * A {@code HOST:PORT} to probe: a name, an IPv4 address, or an IPv6 address in brackets ({@code [2001:db8::1]:443}).
 * A BIG-IP route domain ({@code 10.1.1.1%2:443}, as alert keys write VIPs) is dropped: it only means something
 * inside the BIG-IP, and the probe connects from outside.
 *
 * @param host the name or address, without brackets or route domain
 * @param port 1..65535
 */
public record ProbeTarget(String host, int port) {
    /** Longest host accepted: a DNS name is at most 253 characters (RFC 1035 §2.3.4). */
    static final int MAX_HOST = 253;

    /** @throws IllegalArgumentException naming what is wrong */
    public static ProbeTarget parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (e.g. shop.example.com:443 or [2001:db8::1]:443)");
        }
        String host = t.substring(0, colon);
        String portText = t.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (an IPv6 address goes in brackets)");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (write an IPv6 address in brackets: [2001:db8::1]:443)");
        }
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        if (host.isEmpty() || host.length() > MAX_HOST) {
            throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (no host, or a host longer than " + MAX_HOST + ")");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == '/' || c == '@' || c > '~') {
                throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (a host name holds no '" + printable(c) + "')");
            }
        }
        int port = -1;
        if (portText.length() <= 5 && portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            port = Integer.parseInt(portText);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not HOST:PORT: '" + text + "' (the port is a number within 1..65535)");
        }
        return new ProbeTarget(host, port);
    }

    /** Whether the host is an IP address literal (then no SNI is sent unless one is given). */
    public boolean isAddress() {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    @Override
    public String toString() {
        return HostPort.hostText(host) + ":" + port;
    }

    private static String printable(char c) {
        return c < ' ' || c > '~' ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
