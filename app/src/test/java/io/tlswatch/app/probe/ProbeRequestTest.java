package io.tlswatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.AlertEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the pipeline probe takes from an alert: the VIP's address, sendable SNIs, the clients' suites. */
class ProbeRequestTest {
    private static AlertEvent alert(String status, String vip, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(Map.of("observer", "bigip-01", "vip", vip,
                "error_class", "no_shared_cipher"));
        details.putAll(extra);
        return new AlertEvent("tlswatch/bigip-01/" + vip + "/no_shared_cipher", "trigger", status,
                "2026-12-05T03:00:00Z", null, new AlertEvent.Payload("s", "error", "bigip-01", vip, null,
                        "no_shared_cipher", null, details), Map.of("vip", vip), Map.of());
    }

    @Test
    void aFiringAlertGivesTheVipAddressWithoutItsRouteDomainAndTheHostNameSnis() {
        AlertProber.Request r = AlertProber.Request.of(alert("FIRING", "10.1.1.1%2:443", Map.of(
                "top_snis", List.of(Map.of("value", "shop.example.com", "count", 5),
                        Map.of("value", "10.1.1.1", "count", 4), Map.of("value", "rm -rf;", "count", 3), Map.of("value", "my_host.example.com", "count", 3),
                        Map.of("value", "a.example.com", "count", 2), Map.of("value", "b.example.com", "count", 1)),
                "offered_cipher_lists", List.of(Map.of("value", "TLS_A,TLS_B", "count", 3),
                        Map.of("value", "TLS_B,TLS_C", "count", 2), Map.of("value", "other", "count", 1)))), 2);

        assertThat(r.target()).isEqualTo(new ProbeTarget("10.1.1.1", 443));
        assertThat(r.snis()).containsExactly("shop.example.com", "a.example.com");
        assertThat(r.ciphers()).containsExactly("TLS_A", "TLS_B", "TLS_C");
        assertThat(r.key()).isEqualTo("tlswatch/bigip-01/10.1.1.1%2:443/no_shared_cipher");
        assertThat(r.vip()).isEqualTo("10.1.1.1%2:443");
        assertThat(r.errorClass()).isEqualTo("no_shared_cipher");
    }

    @Test
    void onlyFiringAlertsOfOneVipAreProbed() {
        assertThat(AlertProber.Request.of(alert("UPDATE", "10.1.1.1:443", Map.of()), 3)).isNull();
        assertThat(AlertProber.Request.of(alert("RESOLVED", "10.1.1.1:443", Map.of()), 3)).isNull();
        assertThat(AlertProber.Request.of(alert("FIRING", "*", Map.of()), 3)).isNull();
        assertThat(AlertProber.Request.of(alert("FIRING", "/Common/shop_vs", Map.of()), 3)).isNull();
        assertThat(AlertProber.Request.of(alert("FIRING", "[2001:db8::1]:443", Map.of()), 3).target())
                .isEqualTo(new ProbeTarget("2001:db8::1", 443));
    }
}
