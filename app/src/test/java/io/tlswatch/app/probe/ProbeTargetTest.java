package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProbeTargetTest {
    @Test
    void namesAddressesAndBracketedIpv6() {
        assertThat(ProbeTarget.parse("shop.example.com:443")).isEqualTo(new ProbeTarget("shop.example.com", 443));
        assertThat(ProbeTarget.parse("[2001:db8::1]:8443")).isEqualTo(new ProbeTarget("2001:db8::1", 8443));
        assertThat(ProbeTarget.parse("[2001:db8::1]:8443").toString()).isEqualTo("[2001:db8::1]:8443");
        assertThat(ProbeTarget.parse("10.1.1.1:443").isAddress()).isTrue();
        assertThat(ProbeTarget.parse("shop.example.com:443").isAddress()).isFalse();
    }

    @Test
    void aRouteDomainAsAlertKeysWriteItIsDropped() {
        assertThat(ProbeTarget.parse("10.1.1.1%2:443")).isEqualTo(new ProbeTarget("10.1.1.1", 443));
        assertThat(ProbeTarget.parse("[2001:db8::1%3]:443")).isEqualTo(new ProbeTarget("2001:db8::1", 443));
    }

    @Test
    void badTargetsSayWhy() {
        assertThatThrownBy(() -> ProbeTarget.parse("host")).hasMessageContaining("not HOST:PORT");
        assertThatThrownBy(() -> ProbeTarget.parse("host:0")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ProbeTarget.parse("host:99999")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ProbeTarget.parse("a b:443")).hasMessageContaining("holds no ' '");
        assertThatThrownBy(() -> ProbeTarget.parse("[::1:443")).hasMessageContaining("brackets");
    }
}
