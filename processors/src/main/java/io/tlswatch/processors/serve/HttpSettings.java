package io.tlswatch.processors.serve;

import io.tlswatch.processors.TlswatchConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The HTTP server of {@code run} and {@code demo} (metrics, health, API, dashboard): {@code http.host}
 * (loopback by default), {@code http.port} (9464; -1 none, 0 any free port), {@code http.token} (the bearer token
 * the API and metrics ask for; required when the host is not a loopback address), {@code http.advertise} (the
 * {@code host:port} other instances reach this one at, when the bound address is not it).
 */
public record HttpSettings(String host, int port, String token, String advertise) {
    public static final String HOST = "http.host";
    public static final String PORT = "http.port";
    public static final String TOKEN = "http.token";
    public static final String ADVERTISE = "http.advertise";
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** A guessable token on a reachable port is no protection. */
    static final int MIN_TOKEN_CHARS = 16;
    /** IPv4, or IPv6 (a colon at least, so that a host name such as "cafe" is never looked up). */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F.%]*:[0-9a-fA-F:.%]*]?");

    /** The settings, checked: each problem one line starting with the key. */
    public static HttpSettings from(TlswatchConfig config) {
        String host = config.get(HOST, DEFAULT_HOST).strip();
        int port = config.httpPort();
        String token = config.get(TOKEN);
        token = token == null || token.isBlank() ? null : token.strip();
        if (token != null && token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException(TOKEN + ": at least " + MIN_TOKEN_CHARS
                    + " characters (e.g. the output of: openssl rand -hex 24)");
        }
        if (port >= 0 && token == null && !isLoopback(host)) {
            throw new IllegalArgumentException(TOKEN + ": required when " + HOST + " (" + host
                    + ") is not a loopback address; set a secret bearer token, or bind " + HOST + "=127.0.0.1");
        }
        String advertise = config.get(ADVERTISE);
        advertise = advertise == null || advertise.isBlank() ? null : advertise.strip();
        if (advertise != null && !advertise.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new IllegalArgumentException(ADVERTISE + ": host:port other instances reach this one at, got '"
                    + advertise + "'");
        }
        return new HttpSettings(host, port, token, advertise);
    }

    public boolean enabled() {
        return port >= 0;
    }

    /**
     * Whether only this machine can connect: {@code localhost} or a loopback literal. A host name is looked up
     * nowhere (a slow resolver must not hang a start-up) and counts as reachable from elsewhere.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
