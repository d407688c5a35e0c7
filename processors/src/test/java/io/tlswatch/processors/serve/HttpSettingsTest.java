package io.tlswatch.processors.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.processors.TlswatchConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @Test
    void loopbackByDefaultWithoutAToken() {
        HttpSettings s = HttpSettings.from(TlswatchConfig.of(Map.of()));
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(9464);
        assertThat(s.token()).isNull();
        assertThat(s.enabled()).isTrue();
    }

    @Test
    void aReachableAddressWithoutATokenIsRefusedNamingTheKey() {
        for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "tlswatch.example.net"}) {
            assertThatThrownBy(() -> TlswatchConfig.of(Map.of("http.host", host)).validate())
                    .as(host)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("http.token: required when http.host (" + host + ") is not a loopback")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aReachableAddressWithATokenOrNoServerStarts() {
        assertThat(HttpSettings.from(TlswatchConfig.of(Map.of("http.host", "0.0.0.0", "http.token", TOKEN))).token())
                .isEqualTo(TOKEN);
        assertThat(HttpSettings.from(TlswatchConfig.of(Map.of("http.host", "0.0.0.0", "http.port", "-1"))).enabled())
                .isFalse();
    }

    @Test
    void loopbackForms() {
        assertThat(HttpSettings.isLoopback("localhost")).isTrue();
        assertThat(HttpSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(HttpSettings.isLoopback("127.8.9.10")).isTrue();
        assertThat(HttpSettings.isLoopback("::1")).isTrue();
        assertThat(HttpSettings.isLoopback("[::1]")).isTrue();
        assertThat(HttpSettings.isLoopback("0.0.0.0")).isFalse();
        assertThat(HttpSettings.isLoopback("localhost.example.net")).isFalse();
        assertThat(HttpSettings.isLoopback("cafe")).as("a host name of hex letters is no literal").isFalse();
    }

    @Test
    void aShortTokenOrABadAdvertisedAddressIsRefused() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("http.token", "secret")).validate())
                .hasMessageStartingWith("http.token: at least 16 characters");
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("http.advertise", "http://a:1")).validate())
                .hasMessageStartingWith("http.advertise: host:port");
        assertThat(HttpSettings.from(TlswatchConfig.of(Map.of("http.advertise", "node-2.example.net:9464")))
                .advertise()).isEqualTo("node-2.example.net:9464");
    }

    @Test
    void aMisspeltKeyGetsASuggestion() {
        assertThatThrownBy(() -> TlswatchConfig.of(Map.of("http.tokn", TOKEN)).validate())
                .hasMessage("http.tokn: unknown setting; did you mean http.token?");
    }
}
