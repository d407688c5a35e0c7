package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.IpText;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Destinations printed the way TMOS prints them parse back; anything else is refused, never thrown. */
class TelemetryDestinationProperties {

    record Printed(String address, int port, int routeDomain) {}

    @Test
    void ipv4RoundTrips() {
        PropertyCheck.forAll(500, g -> new Printed(ipv4(g), g.between(0, 65535), g.between(0, 65534)),
                in -> ipv4RoundTrip(in.address(), in.port(), in.routeDomain()));
    }

    private static void ipv4RoundTrip(String address, int port, int routeDomain) {
        String rd = routeDomain == 0 ? "" : "%" + routeDomain;

        Destination d = Destination.parse(address + rd + ":" + port).orElseThrow();

        assertThat(d.address()).isEqualTo(address);
        assertThat(d.port()).isEqualTo(port);
        assertThat(d.routeDomain()).isEqualTo(routeDomain == 0 ? null : routeDomain);
        assertThat(d.addressWithRouteDomain()).isEqualTo(address + rd);
    }

    @Test
    void ipv6RoundTripsInEveryForm() {
        PropertyCheck.forAll(500, g -> new Printed(ipv6(g), g.between(0, 65535), g.between(0, 65534)),
                in -> ipv6RoundTrip(in.address(), in.port(), in.routeDomain()));
    }

    private static void ipv6RoundTrip(String address, int port, int routeDomain) {
        String rd = routeDomain == 0 ? "" : "%" + routeDomain;
        Integer expectedRd = routeDomain == 0 ? null : routeDomain;

        for (String text : List.of(address + rd + "." + port, "[" + address + rd + "]:" + port,
                "/Common/" + address + rd + "." + port)) {
            Destination d = Destination.parse(text).orElseThrow(() -> new AssertionError(text));
            // the one text form (RFC 5952, IpTextTest), whatever the spelling read
            assertThat(d.address()).as(text).isEqualTo(IpText.canonical(address));
            assertThat(d.port()).as(text).isEqualTo(port);
            assertThat(d.routeDomain()).as(text).isEqualTo(expectedRd);
        }
    }

    @Test
    void arbitraryTextNeverThrowsAndWhatParsesIsConsistent() {
        PropertyCheck.forAll(2000, g -> g.string("0123456789abcdefABCDEF:.%[]/ anyx-", 0, 60), Shrink.string(),
                text -> {
                    Optional<Destination> d = Destination.parse(text);

                    d.ifPresent(x -> {
                        assertThat(x.port()).isBetween(0, 65535);
                        assertThat(x.address()).isNotEmpty().doesNotContain("%", "[", "]", "/");
                        if (x.routeDomain() != null) {
                            assertThat(x.routeDomain()).isBetween(1, Destination.MAX_ROUTE_DOMAIN);
                        }
                    });
                });
    }

    @Test
    void anyUnicodeNeverThrows() {
        PropertyCheck.forAll(500, g -> g.string(200), Shrink.string(),
                text -> assertThat(Destination.parse(text)).isNotNull());
    }

    private static String ipv4(Gen g) {
        return g.list(4, 4, o -> o.between(0, 255)).stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    /** Full eight-group addresses, and the same with the longest run of zero groups compressed to "::". */
    private static String ipv6(Gen g) {
        List<String> groups = g.list(8, 8, x -> x.bool() ? "0" : Integer.toHexString(x.between(0, 0xffff)));
        if (!g.bool()) {
            return String.join(":", groups);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups.get(j).equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestLength < 2) {
            return String.join(":", groups);
        }
        return String.join(":", groups.subList(0, bestStart)) + "::"
                + String.join(":", groups.subList(bestStart + bestLength, 8));
    }
}
