package io.tlswatch.processors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.AlertEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StormControlTest {
    private final StormControl storms = new StormControl(AlertPolicy.defaults());
    private final StormState st = new StormState("bigip-01", "cert_untrusted");

    private static AlertEvent child(String vip, String status) {
        return child(vip, status, false);
    }

    private static AlertEvent child(String vip, String status, boolean proxy) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (proxy) {
            details.put(AlertMessages.PROXY_DETAIL, true);
        }
        details.put("failures", 12);
        details.put("vip_name", "/Common/" + vip);
        return new AlertEvent(AlertMessages.dedupKey("bigip-01", vip, "cert_untrusted"),
                status.equals("RESOLVED") ? "resolve" : "trigger", status, "2026-03-02T09:05:00Z",
                status.equals("RESOLVED") ? "2026-03-02T09:12:00Z" : null,
                new AlertEvent.Payload("s", "error", "bigip-01", vip, "bigip-01", "cert_untrusted",
                        "2026-03-02T09:05:00Z", details),
                Map.of("alertname", AlertMessages.ALERT_NAME), Map.of());
    }

    private List<AlertEvent> send(String vip, String status, long t) {
        List<AlertEvent> out = new ArrayList<>();
        storms.process(st, child(vip, status), t).forEach(o -> out.add(o.event()));
        return out;
    }

    @Test
    void theThirdVipWithinTheWindowRaisesOneParentThatResolvesWithTheLast() {
        assertThat(send("10.0.0.1:443", "FIRING", 0)).singleElement().satisfies(a -> assertThat(a.delivered()).isTrue());
        assertThat(send("10.0.0.2:443", "FIRING", 30_000)).singleElement()
                .satisfies(a -> assertThat(a.delivered()).isTrue());
        List<AlertEvent> third = send("10.0.0.3:443", "FIRING", 60_000);
        assertThat(third).hasSize(2);
        assertThat(third.get(0).delivered()).isFalse();
        assertThat(third.get(0).parentKey()).isEqualTo("tlswatch/bigip-01/*/cert_untrusted");
        AlertEvent parent = third.get(1);
        assertThat(parent.dedupKey()).isEqualTo("tlswatch/bigip-01/*/cert_untrusted");
        assertThat(parent.status()).isEqualTo("FIRING");
        assertThat(parent.payload().summary()).contains("3 VIPs", "/Common/10.0.0.1:443");
        assertThat(parent.payload().customDetails()).containsEntry("vip_count", 3).containsEntry("failures", 36L);

        // a VIP delivered before the storm resolves delivered; an inhibited one inhibited; the parent with the last
        assertThat(send("10.0.0.1:443", "RESOLVED", 200_000)).singleElement()
                .satisfies(a -> assertThat(a.delivered()).isTrue());
        assertThat(send("10.0.0.3:443", "RESOLVED", 210_000)).singleElement()
                .satisfies(a -> assertThat(a.delivered()).isFalse());
        List<AlertEvent> last = send("10.0.0.2:443", "RESOLVED", 220_000);
        assertThat(last).extracting(AlertEvent::status).containsExactly("RESOLVED", "RESOLVED");
        assertThat(last.get(1).dedupKey()).isEqualTo(parent.dedupKey());
        assertThat(storms.isEmpty(st, 400_000)).isTrue();
    }

    @Test
    void aStormOfAForwardProxysServersGetsTheProxyHintNotABigIpOne() {
        AlertEvent parent = null;
        for (int i = 1; i <= 3; i++) {
            List<AlertEvent> out = new ArrayList<>();
            storms.process(st, child("203.0.113." + i + ":443", "FIRING", true), i * 10_000L)
                    .forEach(o -> out.add(o.event()));
            parent = out.get(out.size() - 1);
        }
        assertThat(parent.dedupKey()).isEqualTo("tlswatch/bigip-01/*/cert_untrusted");
        String hint = (String) parent.payload().customDetails().get("hint");
        assertThat(hint).startsWith(io.tlswatch.processors.classify.ErrorClass.CERT_UNTRUSTED.hint(true))
                .doesNotContain("profile");
        assertThat(parent.payload().customDetails()).containsEntry(AlertMessages.PROXY_DETAIL, true);
        // its resolve, after the last member's, speaks as its firing did
        AlertEvent resolved = null;
        for (int i = 1; i <= 3; i++) {
            List<StormControl.Out> out = storms.process(st, child("203.0.113." + i + ":443", "RESOLVED", true),
                    100_000L + i);
            resolved = out.get(out.size() - 1).event();
        }
        assertThat(resolved.dedupKey()).isEqualTo(parent.dedupKey());
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        assertThat(resolved.payload().customDetails()).containsEntry("hint", hint)
                .containsEntry(AlertMessages.PROXY_DETAIL, true);

        // the same storm on a BIG-IP keeps the BIG-IP hint
        StormState bigip = new StormState("bigip-01", "cert_untrusted");
        AlertEvent bigipParent = null;
        for (int i = 1; i <= 3; i++) {
            List<StormControl.Out> out = storms.process(bigip, child("10.0.0." + i + ":443", "FIRING"), i * 10_000L);
            bigipParent = out.get(out.size() - 1).event();
        }
        assertThat((String) bigipParent.payload().customDetails().get("hint"))
                .startsWith(io.tlswatch.processors.classify.ErrorClass.CERT_UNTRUSTED.hint(false));
        assertThat(bigipParent.payload().customDetails()).doesNotContainKey(AlertMessages.PROXY_DETAIL);
    }

    @Test
    void vipsFiringFurtherApartThanTheWindowAreNoStorm() {
        send("10.0.0.1:443", "FIRING", 0);
        send("10.0.0.2:443", "FIRING", 130_000);
        assertThat(send("10.0.0.3:443", "FIRING", 260_000)).singleElement()
                .satisfies(a -> assertThat(a.delivered()).isTrue());
        assertThat(st.parent).isNull();
    }

    @Test
    void oneVipFlappingIsNoStorm() {
        for (int i = 0; i < 5; i++) {
            send("10.0.0.1:443", "FIRING", i * 10_000L);
            send("10.0.0.1:443", "RESOLVED", i * 10_000L + 5_000);
        }
        assertThat(st.parent).isNull();
    }
}
