package io.tlswatch.processors.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNetworksTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "198.51.100.7, 198.51.100.0/24",
        "10.0.0.1%2, 10.0.0.0/24",
        "2001:db8:1:2::7, 2001:db8:1::/48",
        "2001:0DB8:0001:ffff:0:0:0:1, 2001:db8:1::/48",
        "2001:db8::1, 2001:db8:0::/48",
        "::1, 0:0:0::/48",
        "fe80::1%3, fe80:0:0::/48",
        "not-an-address, null",
        "1.2.3, null",
        "1::2::3, null",
        "12345::1, null",
        "1:2:3:4:5, null",
        "'', null"})
    void groupsAddressesByNetwork(String ip, String network) {
        assertThat(ClientNetworks.of(ip)).isEqualTo(network);
    }
}
