package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address text as F5 and proxies print it; a range of a longer line reads like the same text alone. */
class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "::1", "fe80::",
            "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1", "64:ff9b::192.0.2.33", "FE80::A"})
    void accepts(String address) {
        assertThat(IpAddresses.isAddress(address)).isTrue();
        assertThat(IpAddresses.isAddress("x " + address + ":443", 2, 2 + address.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "256.0.0.1", "010.0.0.1", "10..0.1", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9", ":::", "1::2::3", ":1::", "1::2:", "12345::", "g::1", "::ffff:10.0.0",
            "::1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4", "bigip-01"})
    void rejects(String text) {
        assertThat(IpAddresses.isAddress(text)).isFalse();
        assertThat(IpAddresses.isAddress("::1 " + text + " 10.0.0.1", 4, 4 + text.length())).isFalse();
    }
}
