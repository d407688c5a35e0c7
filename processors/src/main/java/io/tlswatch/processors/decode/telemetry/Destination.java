package io.tlswatch.processors.decode.telemetry;

import io.tlswatch.schemas.Decimals;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.IpText;
import java.util.Optional;

/**
 * A virtual server's {@code destination} as the Telemetry Streaming system poller prints it (the
 * {@code destination} of {@code /mgmt/tm/ltm/virtual/<vs>/stats}):
 *
 * <pre>
 *   10.5.6.7:80            IPv4, colon before the port
 *   10.5.6.7%2:443         route domain 2
 *   2001:db8::1.443        IPv6, a DOT before the port (TMOS prints IPv6 services this way)
 *   2001:db8::1%2.443      IPv6 in route domain 2
 *   [2001:db8::1]:443      accepted too, as is 2001:db8::1:443 (split on the last colon, DESIGN §4)
 *   /Common/10.5.6.7:80    the configuration form, with its partition: the path is dropped
 *   0.0.0.0:any, any6.any  wildcards: "any" port is 0, "any" is 0.0.0.0 and "any6" is ::
 * </pre>
 *
 * <p>Route domain 0 is the default domain and is normalised away ({@code %0} gives a null route domain).
 * IPv6 text is written in its RFC 5952 form ({@link IpText}: {@code 2001:DB8:0::10} is {@code 2001:db8::10}). Nothing here resolves names (no {@code InetAddress}).
 *
 * @param address     IPv4 or IPv6 text, without route domain, brackets or port
 * @param port        0..65535 (0 for "any")
 * @param routeDomain 1..65534, or null for the default domain
 */
public record Destination(String address, int port, Integer routeDomain) {
    /** Longest destination text we look at; an IPv6 address with route domain and port fits in 60. */
    public static final int MAX_TEXT_LENGTH = 128;
    /** TMOS route domain ids are 0..65534. */
    public static final int MAX_ROUTE_DOMAIN = HostPort.MAX_ROUTE_DOMAIN;

    /** The address as the inventory keys it: with {@code %N} when not in the default route domain. */
    public String addressWithRouteDomain() {
        return routeDomain == null ? address : address + "%" + routeDomain;
    }

    /** Parses a destination; empty when the text is not one. Never throws. */
    public static Optional<Destination> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1); // "/Common/10.1.1.1:443": partition and folder are not part of the address
        }
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            return close < 0 ? Optional.empty() : Optional.ofNullable(of(s.substring(1, close), s.substring(close + 2)));
        }
        int lastColon = s.lastIndexOf(':');
        int lastDot = s.lastIndexOf('.');
        Destination d = null;
        if (lastDot > lastColon && s.indexOf(':') != lastColon) {
            d = split(s, lastDot); // IPv6 "addr.port"
        }
        if (d == null && lastColon >= 0) {
            d = split(s, lastColon);
        }
        if (d == null && lastDot > 0 && s.startsWith("any6")) {
            d = split(s, lastDot); // "any6.443"
        }
        return Optional.ofNullable(d);
    }

    private static Destination split(String s, int at) {
        if (at <= 0 || at == s.length() - 1) {
            return null;
        }
        return of(s.substring(0, at), s.substring(at + 1));
    }

    private static Destination of(String addressPart, String portPart) {
        int port = "any".equals(portPart) ? 0 : Decimals.parse(portPart, 65535);
        if (port < 0) {
            return null;
        }
        String address = addressPart;
        Integer routeDomain = null;
        int percent = address.indexOf('%');
        if (percent >= 0) {
            int rd = Decimals.parse(address, percent + 1, address.length(), MAX_ROUTE_DOMAIN);
            if (rd < 0) {
                return null;
            }
            routeDomain = rd == 0 ? null : rd;
            address = address.substring(0, percent);
        }
        if ("any".equals(address)) {
            address = "0.0.0.0";
        } else if ("any6".equals(address)) {
            address = "::";
        }
        // the one text form (RFC 5952 for IPv6), as log lines, packets and the CSV give it
        String canonical = IpText.canonical(address);
        return canonical != null ? new Destination(canonical, port, routeDomain) : null;
    }
}
