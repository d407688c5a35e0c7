package io.tlswatch.processors.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.processors.views.BoardEntry;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertViewsTest {
    private static final long T0 = 1_800_000_000_000L;

    private static BoardEntry entry(String vip, String status, long firedMs, long atMs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failures", 12);
        details.put("top_snis", List.of(Map.of("value", "<script>x</script>", "count", 12)));
        AlertEvent e = AlertEvents.event(AlertEvents.dedupKey("bigip-1", vip, "cert_expired"), status, firedMs, atMs,
                "cert_expired on " + vip, "error", "bigip-1", vip, "cert_expired", details,
                Map.of("vip", vip, "observer", "bigip-1"), "renew the certificate");
        return new BoardEntry(e, atMs);
    }

    @Test
    void anAlertCarriesItsEvidenceAndHint() {
        AlertViews.AlertView a = AlertViews.of(entry("10.0.0.1:443", "FIRING", T0, T0 + 5_000));
        assertThat(a.active()).isTrue();
        assertThat(a.observer()).isEqualTo("bigip-1");
        assertThat(a.vip()).isEqualTo("10.0.0.1:443");
        assertThat(a.errorClass()).isEqualTo("cert_expired");
        assertThat(a.hint()).isEqualTo("renew the certificate");
        assertThat(a.startsAt()).isEqualTo("2027-01-15T08:00:00Z");
        assertThat(a.details()).containsKey("top_snis");
        JsonNode json = Json.MAPPER.valueToTree(a);
        assertThat(json.has("dedup_key")).isTrue();
        assertThat(json.has("starts_at")).isTrue();
        assertThat(json.get("details").get("top_snis").get(0).get("value").asText()).isEqualTo("<script>x</script>");
    }

    @Test
    void activeNewestFirstThenResolvedLastResolvedFirstAndAtMostFifty() {
        List<AlertViews.AlertView> all = new ArrayList<>();
        all.add(AlertViews.of(entry("10.0.0.1:443", "FIRING", T0, T0)));
        all.add(AlertViews.of(entry("10.0.0.2:443", "UPDATE", T0 + 60_000, T0 + 90_000)));
        for (int i = 0; i < 60; i++) {
            all.add(AlertViews.of(entry("10.0.1." + i + ":443", "RESOLVED", T0, T0 + i * 1000L)));
        }
        AlertViews.AlertList list = AlertViews.list(all, false, List.of());
        assertThat(list.active()).extracting(AlertViews.AlertView::vip).containsExactly("10.0.0.2:443", "10.0.0.1:443");
        assertThat(list.recent()).hasSize(AlertViews.MAX_RECENT);
        assertThat(list.recent().get(0).vip()).isEqualTo("10.0.1.59:443");
        assertThat(list.recent()).allSatisfy(a -> assertThat(a.active()).isFalse());
        JsonNode json = Json.MAPPER.valueToTree(list);
        assertThat(json.has("active") && json.has("recent") && json.has("partial") && json.has("errors")).isTrue();
    }
}
