package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.IpText;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Destinations printed the way TMOS prints them parse back; anything else is refused, never thrown. */
class TelemetryDestinationProperties {

    @Property(tries = 500)
    void ipv4RoundTrips(@ForAll("ipv4") String address, @ForAll @IntRange(max = 65535) int port,
            @ForAll @IntRange(max = 65534) int routeDomain) {
        String rd = routeDomain == 0 ? "" : "%" + routeDomain;

        Destination d = Destination.parse(address + rd + ":" + port).orElseThrow();

        assertThat(d.address()).isEqualTo(address);
        assertThat(d.port()).isEqualTo(port);
        assertThat(d.routeDomain()).isEqualTo(routeDomain == 0 ? null : routeDomain);
        assertThat(d.addressWithRouteDomain()).isEqualTo(address + rd);
    }

    @Property(tries = 500)
    void ipv6RoundTripsInEveryForm(@ForAll("ipv6") String address, @ForAll @IntRange(max = 65535) int port,
            @ForAll @IntRange(max = 65534) int routeDomain) {
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

    @Property(tries = 2000)
    void arbitraryTextNeverThrowsAndWhatParsesIsConsistent(@ForAll("destinationLike") String text) {
        Optional<Destination> d = Destination.parse(text);

        d.ifPresent(x -> {
            assertThat(x.port()).isBetween(0, 65535);
            assertThat(x.address()).isNotEmpty().doesNotContain("%", "[", "]", "/");
            if (x.routeDomain() != null) {
                assertThat(x.routeDomain()).isBetween(1, Destination.MAX_ROUTE_DOMAIN);
            }
        });
    }

    @Property(tries = 500)
    void anyUnicodeNeverThrows(@ForAll @StringLength(max = 200) String text) {
        assertThat(Destination.parse(text)).isNotNull();
    }

    @Provide
    Arbitrary<String> ipv4() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> octets.stream().map(String::valueOf).collect(Collectors.joining(".")));
    }

    /** Full eight-group addresses, and the same with the longest run of zero groups compressed to "::". */
    @Provide
    Arbitrary<String> ipv6() {
        Arbitrary<String> group = Arbitraries.oneOf(Arbitraries.just("0"),
                Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString));
        Arbitrary<List<String>> groups = group.list().ofSize(8);
        return Combinators.combine(groups, Arbitraries.of(true, false)).as((g, compress) -> {
            if (!compress) {
                return String.join(":", g);
            }
            int bestStart = -1;
            int bestLength = 0;
            for (int i = 0; i < 8; i++) {
                int j = i;
                while (j < 8 && g.get(j).equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
            }
            if (bestLength < 2) {
                return String.join(":", g);
            }
            return String.join(":", g.subList(0, bestStart)) + "::"
                    + String.join(":", g.subList(bestStart + bestLength, 8));
        });
    }

    @Provide
    Arbitrary<String> destinationLike() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%[]/ anyx-").ofMaxLength(60);
    }
}
