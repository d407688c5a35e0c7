package io.tlswatch.processors.decode.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Destination}: the address forms of the TS poller's {@code virtualServers[*].destination}. */
class TelemetryDestinationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // text                     | address                 | port  | route domain
        "10.5.6.7:80                 | 10.5.6.7                | 80    | -",
        "192.168.2.11:443            | 192.168.2.11            | 443   | -",
        "10.1.1.1%2:443              | 10.1.1.1                | 443   | 2",
        "10.1.1.1%0:443              | 10.1.1.1                | 443   | -",
        "10.1.1.1%65534:65535        | 10.1.1.1                | 65535 | 65534",
        "/Common/10.5.6.7:80         | 10.5.6.7                | 80    | -",
        "/Tenant/app/10.5.6.7%3:8443 | 10.5.6.7                | 8443  | 3",
        "2001:db8::1.443             | 2001:db8::1             | 443   | -",
        "2001:DB8::1%2.443           | 2001:db8::1             | 443   | 2",
        "fe80::1%12.8443             | fe80::1                 | 8443  | 12",
        "::ffff:10.0.0.1.443         | ::ffff:10.0.0.1         | 443   | -",
        "::ffff:10.0.0.1:443         | ::ffff:10.0.0.1         | 443   | -",
        "2001:db8::1:443             | 2001:db8::1             | 443   | -",
        "[2001:db8::1]:443           | 2001:db8::1             | 443   | -",
        "[2001:db8::1%4]:443         | 2001:db8::1             | 443   | 4",
        "1:2:3:4:5:6:7:8.443         | 1:2:3:4:5:6:7:8         | 443   | -",
        "::.443                      | ::                      | 443   | -",
        "/Common/2001:db8::5.443     | 2001:db8::5             | 443   | -",
        "0.0.0.0:any                 | 0.0.0.0                 | 0     | -",
        "0.0.0.0:0                   | 0.0.0.0                 | 0     | -",
        "any:any                     | 0.0.0.0                 | 0     | -",
        "any6.443                    | ::                      | 443   | -",
        "any6.any                    | ::                      | 0     | -",
        "' 10.5.6.7:80 '             | 10.5.6.7                | 80    | -",
    })
    void parses(String text, String address, int port, Integer routeDomain) {
        Destination d = Destination.parse(text).orElseThrow(() -> new AssertionError("no destination in " + text));

        assertThat(d.address()).isEqualTo(address);
        assertThat(d.port()).isEqualTo(port);
        assertThat(d.routeDomain()).isEqualTo(routeDomain);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", ":", ":443", "10.5.6.7", "10.5.6.7:", "10.5.6.7:65536", "10.5.6.7:-1",
        "10.5.6.7:http", "10.5.6.7:4 43", "256.1.1.1:80", "01.2.3.4:80", "1.2.3:80", "1.2.3.4.5:80",
        "10.1.1.1%:443", "10.1.1.1%65535:443", "10.1.1.1%x:443", "10.1.1.1%2.443", "10.1.1.1.443",
        "vip.example.com:443", "2001:db8::1", "2001:db8::g.443", "2001:db8:::1.443", "1::2::3.443",
        "1:2:3:4:5:6:7:8:9.443", "12345::1.443", "[2001:db8::1]443", "[2001:db8::1]:", "[]:443",
        "/Common/", "%2:443", "any", "any6", "anything:443", "10.5.6.7:٤٤٣", "２００１::1.443",
        "/Common/10.5.6.7:80/extra"})
    void refuses(String text) {
        assertThat(Destination.parse(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10.1.1.1, 443, , 10.1.1.1", "10.1.1.1, 443, 2, 10.1.1.1%2", "2001:db8::1, 443, 7, 2001:db8::1%7"})
    void theInventoryAddressKeepsTheRouteDomain(String address, int port, Integer routeDomain, String expected) {
        assertThat(new Destination(address, port, routeDomain).addressWithRouteDomain()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1000, 1 << 20})
    void longTextIsNotLookedAt(int length) {
        assertThat(Destination.parse("1".repeat(length - 4) + ":443")).isEmpty();
    }
}
